// Estimated wait from stored data on real PostgreSQL (issue 18): the last hour's accepted chats of
// the queue, the contact's position and the Ready agents with the chat's skill.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let data: typeof import('./estimated-wait-data');

beforeAll(async () => {
  f = await loadFixtures();
  data = await import('./estimated-wait-data');
});
beforeEach(async () => {
  await f.reset();
});

const MIN = 60_000;

/** A chat of the Main queue that waited `waitMin` minutes and was accepted `agoMin` minutes before `now`. */
async function accepted(now: Date, waitMin: number, agoMin: number, queue?: string) {
  const chat = await f.newChat('History', { queue });
  const acceptedAt = new Date(now.getTime() - agoMin * MIN);
  await f.db.interaction.update({
    where: { id: chat.chatId },
    data: { status: 'DONE', createdAt: new Date(acceptedAt.getTime() - waitMin * MIN), acceptedAt, endedAt: acceptedAt, doneAt: acceptedAt },
  });
}

describe('estimated wait from the queue history', () => {
  it('says "a few minutes" with too little history, then the median scaled by position and Ready agents', async () => {
    const now = new Date();
    // four in the window, three outside it (over an hour ago) and one of another queue: too little
    for (const [wait, ago] of [[2, 5], [4, 10], [6, 20], [8, 30]] as const) await accepted(now, wait, ago);
    for (const ago of [61, 90, 120]) await accepted(now, 1, ago);
    await accepted(now, 50, 3, 'Billing');
    const first = await f.newChat('First waiting');
    const second = await f.newChat('Second waiting');
    // routing must not move them (nobody is Ready); settle what startChat kicked off
    await f.drainRouting();
    expect(await data.chatWaitEstimate(f.db, first.chatId, now)).toEqual({ position: 1, estimate: { kind: 'fewMinutes' } });

    // a fifth accepted chat in the window: median of 2, 4, 6, 8, 10 minutes = 6
    await accepted(now, 10, 40);
    expect(await data.chatWaitEstimate(f.db, first.chatId, now)).toEqual({ position: 1, estimate: { kind: 'minutes', minutes: 6 } });
    // second in line with nobody Ready: 2 ahead per (at least) one agent
    expect(await data.chatWaitEstimate(f.db, second.chatId, now)).toEqual({ position: 2, estimate: { kind: 'minutes', minutes: 12 } });

    // two Ready agents with English (agent4 speaks French only and does not count)
    await f.ready([f.agents.agent1, f.agents.agent2, f.agents.agent4]);
    expect((await data.chatWaitEstimate(f.db, second.chatId, now)).estimate).toEqual({ kind: 'minutes', minutes: 6 });
    await f.ready([f.agents.agent1]);
    await f.db.user.update({ where: { id: f.agents.agent2.id }, data: { agentStatus: 'NOT_READY' } });
    await f.db.user.update({ where: { id: f.agents.agent4.id }, data: { agentStatus: 'NOT_READY' } });
    expect((await data.chatWaitEstimate(f.db, second.chatId, now)).estimate).toEqual({ kind: 'minutes', minutes: 12 });

    // the board: a contact joining Main now would be third; Billing has one sample only
    const main = await f.db.queue.findFirstOrThrow({ where: { name: 'Main' } });
    const billing = await f.db.queue.findFirstOrThrow({ where: { name: 'Billing' } });
    const board = await data.queueWaitEstimates(f.db, now);
    expect(board[main.id]).toEqual({ kind: 'minutes', minutes: 18 }); // 6 × 3 ahead ÷ 1 Ready (agent1)
    expect(board[billing.id]).toEqual({ kind: 'fewMinutes' });

    // a chat no longer waiting has no estimate
    await f.db.interaction.update({ where: { id: first.chatId }, data: { status: 'ACTIVE', acceptedAt: now } });
    expect(await data.chatWaitEstimate(f.db, first.chatId, now)).toEqual({ position: null, estimate: null });
    expect((await data.chatWaitEstimate(f.db, second.chatId, now)).position).toBe(1);
  });
});
