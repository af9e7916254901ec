// Issue 18 on real PostgreSQL: an accept sends every contact still waiting in that queue a queue
// notice on the existing `interaction` event (their page re-reads its estimated wait on each);
// contacts of other queues hear nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';
import type { Broadcast } from '@/lib/realtime/server';

let f: Fixtures;
let seen: Broadcast[] = [];
let server: typeof import('@/lib/realtime/server');

beforeAll(async () => {
  f = await loadFixtures();
  server = await import('@/lib/realtime/server');
  server.afterBroadcast('wait-notices-test', (items) => seen.push(...items));
});
afterAll(() => server.afterBroadcast('wait-notices-test', () => undefined));
beforeEach(() => f.reset());

describe('estimated wait on every accept', () => {
  it('an accept tells the contacts still waiting in its queue their new place; another queue hears nothing', async () => {
    const first = await f.offeredTo(f.agents.agent1); // Main, offered to agent1 (the only Ready agent)
    await f.db.user.update({ where: { id: f.agents.agent1.id }, data: { agentStatus: 'NOT_READY', notReadyReason: 'break' } });
    const second = await f.newChat('Second Waiting');
    const third = await f.newChat('Third Waiting');
    const billing = await f.newChat('Billing Waiting', { queue: 'Billing' });
    await f.drainRouting();
    seen = [];
    await f.agentChat.acceptInvitation(f.agents.agent1, first.invitationId);

    const notices = seen.filter((b) => b.name === 'interaction' && (b.data as { status: string }).status === 'QUEUED').map((b) => [b.channel, (b.data as { queuePosition: number }).queuePosition]);
    expect(notices).toEqual([
      [`private-chat-${second.chatId}`, 1],
      [`private-chat-${third.chatId}`, 2],
    ]);
    expect(seen.some((b) => b.channel.endsWith(billing.chatId))).toBe(false);
    // The accepted chat itself is told it is ACTIVE, never QUEUED again.
    expect(seen.filter((b) => b.channel.endsWith(first.chatId) && b.name === 'interaction').map((b) => (b.data as { status: string }).status)).toEqual(['ACTIVE']);
  });
});
