import { redirect } from 'next/navigation';
import { currentUser, homeFor } from '@/lib/auth';
import { workspace } from '@/lib/interactions/agent-chat';
import { realtimeConfig } from '@/lib/realtime/public-config';
import { AgentConsole } from './agent-console';

export const dynamic = 'force-dynamic';

export default async function AgentPage() {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (user.role !== 'AGENT' && user.role !== 'SUPERVISOR') redirect(homeFor(user.role));
  return <AgentConsole initial={await workspace(user)} realtime={realtimeConfig()} />;
}
