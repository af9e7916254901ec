import { requirePageRole } from '@/lib/auth/session';
import { workspace } from '@/lib/interactions/staff/agent-views';
import { realtimeConfig } from '@/lib/realtime/public-config';
import { AgentConsole } from './agent-console';

export const dynamic = 'force-dynamic';

export default async function AgentPage() {
  const user = await requirePageRole('AGENT', 'SUPERVISOR');
  return <AgentConsole initial={await workspace(user)} realtime={realtimeConfig()} />;
}
