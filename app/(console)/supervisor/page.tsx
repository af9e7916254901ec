import { requirePageRole } from '@/lib/auth/session';
import { realtimeConfig } from '@/lib/realtime/public-config';
import { boardDirectory, boardSnapshot } from '@/lib/supervisor/board-data';
import { queueFigures } from '@/lib/supervisor/figures-data';
import { monitorNextList, mySessions } from '@/lib/supervisor/supervision';
import { SupervisorConsole } from './supervisor-console';

export const dynamic = 'force-dynamic';

// The supervisor monitoring view (S1–S7): supervisors only (an admin is not a supervisor).
export default async function SupervisorPage() {
  const user = await requirePageRole('SUPERVISOR');
  const [snapshot, directory, figures, sessions, monitorNext] = await Promise.all([
    boardSnapshot(),
    boardDirectory(),
    queueFigures(),
    mySessions(user),
    monitorNextList(user),
  ]);
  return (
    <SupervisorConsole
      me={user.id}
      initial={{ snapshot, figures, sessions, monitorNext }}
      directory={directory}
      realtime={realtimeConfig()}
    />
  );
}
