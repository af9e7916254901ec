// S1–S7 against real PostgreSQL: coaching and every internal message stay out of everything the
// contact can reach (their transcript API and their channel), monitoring leaves no trace for the
// contact, barge-in does, the board reads and deltas, monitor next, help requests, and queue
// figures that come out the same from a fresh client (as after a restart).
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { cid, errorCode, loadFixtures, sleep, type Fixtures } from '@/test/db-fixtures';
import { useTestEnv } from '@/test/db';

/** Every broadcast the app makes, recorded instead of sent (the server SDK's two calls). */
interface Sent {
  channel: string;
  name: string;
  data: unknown;
}
const sent: Sent[] = [];
(globalThis as unknown as { pusher?: unknown }).pusher = {
  async trigger(channel: string | string[], name: string, data: unknown) {
    for (const c of [channel].flat()) sent.push({ channel: c, name, data });
    return {};
  },
  async triggerBatch(batch: { channel: string; name: string; data: unknown }[]) {
    for (const b of batch) sent.push({ channel: b.channel, name: b.name, data: b.data });
    return {};
  },
};

let f: Fixtures;
let sup: typeof import('./supervision');
let internal: typeof import('@/lib/interactions/staff/internal-stream');
let boardData: typeof import('./board-data');
let publish: typeof import('./publish');
let figures: typeof import('./figures-data');

beforeAll(async () => {
  f = await loadFixtures();
  [sup, internal, boardData, publish, figures] = await Promise.all([
    import('./supervision'),
    import('@/lib/interactions/staff/internal-stream'),
    import('./board-data'),
    import('./publish'),
    import('./figures-data'),
  ]);
});
beforeEach(async () => {
  await f.reset();
  await f.db.monitorNext.deleteMany({});
  await publish.flushBoard();
  sent.length = 0;
});

const onChannel = (channel: string) => sent.filter((s) => s.channel === channel);
const json = (x: unknown) => JSON.stringify(x);

describe('internal messages never reach the contact (S5)', () => {
  it('coaching and the agent’s private answer: stored internal, on the internal channel only, absent from the contact’s transcript API', async () => {
    const { agent1, supervisor } = f.agents;
    const { chatId, secret } = await f.activeFor(agent1);
    await f.contactChat.contactSend(chatId, secret, { clientId: cid('c'), text: 'Hello, my parcel is late' });
    sent.length = 0;

    // Coaching needs the coach mode first.
    expect(await errorCode(() => internal.internalSend(supervisor, chatId, { clientId: cid('k'), text: 'too early', thread: 'coaching' }))).toBe('forbidden');
    await sup.supervise(supervisor, chatId, 'COACH');
    const coach = await internal.internalSend(supervisor, chatId, { clientId: cid('k'), text: 'COACH-SECRET offer the refund', thread: 'coaching' });
    const reply = await internal.internalSend(agent1, chatId, { clientId: cid('k'), text: 'AGENT-PRIVATE ok, doing it', thread: 'coaching' });
    const visible = await f.agentChat.agentSend(agent1, chatId, { clientId: cid('a'), text: 'I can refund you' });
    await publish.flushBoard();
    // A client id already used on the contact's stream is refused, never answered with that message.
    expect(await errorCode(() => internal.internalSend(agent1, chatId, { clientId: visible.clientId!, text: 'reused id', thread: 'coaching' }))).toBe('conflict');
    // A retry of the coach's own message returns it.
    expect((await internal.internalSend(supervisor, chatId, { clientId: coach.clientId!, text: 'COACH-SECRET offer the refund', thread: 'coaching' })).id).toBe(coach.id);

    // Stored: internal, on their own seq stream, thread coaching.
    expect([coach.visibility, coach.thread, coach.seq, reply.seq]).toEqual(['INTERNAL', 'coaching', 1, 2]);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { lastSeq: true, lastInternalSeq: true } });
    expect(row.lastInternalSeq).toBe(2);

    // The contact's transcript API, read from every seq: no internal message, no gap.
    for (let after = 0; after <= row.lastSeq; after++) {
      const state = await f.contactChat.contactChatState(chatId, secret, after);
      expect(state.messages.every((m) => m.visibility === 'EVERYONE' && m.thread === null)).toBe(true);
      expect(json(state)).not.toMatch(/COACH-SECRET|AGENT-PRIVATE/);
    }
    const full = await f.contactChat.contactChatState(chatId, secret, 0);
    expect(full.messages.map((m) => m.seq)).toEqual(Array.from({ length: row.lastSeq }, (_, i) => i + 1));

    // The contact's channel carried none of it; the internal channel carried both; the board's
    // last message is the contact-visible one.
    expect(json(onChannel(`private-chat-${chatId}`))).not.toMatch(/COACH-SECRET|AGENT-PRIVATE/);
    expect(onChannel(`private-internal-${chatId}`).filter((s) => s.name === 'message').map((s) => (s.data as { text: string }).text)).toEqual([
      'COACH-SECRET offer the refund',
      'AGENT-PRIVATE ok, doing it',
    ]);
    expect(json(onChannel('private-supervisors'))).not.toMatch(/COACH-SECRET|AGENT-PRIVATE/);
    const [boardRow] = (await boardData.readBoardRows([chatId])).rows;
    expect(boardRow?.lastMessage?.text).toBe('I can refund you');

    // Staff read the internal stream after a seq; a stranger agent cannot.
    expect((await internal.internalSince(agent1, chatId, 1)).map((m) => m.text)).toEqual(['AGENT-PRIVATE ok, doing it']);
    expect(await errorCode(() => internal.internalSince(f.agents.agent2, chatId, 0))).toBe('notFound');
  });

  it('monitoring leaves no trace for the contact; barge-in shows joined and left under the nickname', async () => {
    const { agent1, supervisor } = f.agents;
    const { chatId, secret } = await f.activeFor(agent1);
    const before = await f.contactChat.contactChatState(chatId, secret, 0);
    sent.length = 0;

    await sup.supervise(supervisor, chatId, 'MONITOR');
    await sup.supervise(supervisor, chatId, 'COACH');
    await sup.supervise(supervisor, chatId, 'MONITOR');
    expect(onChannel(`private-chat-${chatId}`)).toEqual([]);
    expect(await f.contactChat.contactChatState(chatId, secret, 0)).toEqual(before);
    // Silent by default: the agent is not told either.
    expect(onChannel(`private-internal-${chatId}`)).toEqual([]);

    await sup.supervise(supervisor, chatId, 'BARGE_IN');
    const barged = await f.agentChat.agentSend(supervisor, chatId, { clientId: cid('b'), text: 'Supervisor here' });
    expect(barged.senderName).toBe('Sam Supervisor');
    await sup.supervise(supervisor, chatId, 'MONITOR');
    const after = await f.contactChat.contactChatState(chatId, secret, before.lastSeq);
    expect(after.messages.map((m) => [m.event ?? m.text, m.eventData?.name ?? m.senderName])).toEqual([
      ['joined', 'Sam Supervisor'],
      ['Supervisor here', 'Sam Supervisor'],
      ['left', 'Sam Supervisor'],
    ]);
    // Back in monitor mode the supervisor can no longer write to the contact.
    expect(await errorCode(() => f.agentChat.agentSend(supervisor, chatId, { clientId: cid('b'), text: 'no' }))).toBe('forbidden');
    // One participant row for the supervisor throughout (the mode switched in place).
    expect(await f.db.participant.count({ where: { interactionId: chatId, userId: supervisor.id } })).toBe(1);
  });

  it('tells the agent about monitoring only when the admin setting is on; several supervisors at once', async () => {
    const { agent1, supervisor } = f.agents;
    const supervisor2 = { id: (await f.db.user.findUniqueOrThrow({ where: { email: 'supervisor2@example.com' } })).id, role: 'SUPERVISOR' as const };
    const { chatId } = await f.activeFor(agent1);
    await sup.supervise(supervisor, chatId, 'MONITOR');
    expect(await sup.supervisionOf(chatId)).toEqual({ interactionId: chatId, monitored: false });
    await f.settings.saveSettings({ monitoringVisible: true });
    await sup.supervise(supervisor2, chatId, 'MONITOR');
    expect(await sup.supervisionOf(chatId)).toEqual({ interactionId: chatId, monitored: true });
    expect(onChannel(`private-internal-${chatId}`).map((s) => s.data)).toEqual([{ interactionId: chatId, monitored: true }]);
    expect((await sup.mySessions(supervisor)).map((s) => s.mode)).toEqual(['MONITOR']);
    expect((await sup.mySessions(supervisor2)).map((s) => s.mode)).toEqual(['MONITOR']);
    // An agent or an admin cannot supervise.
    expect(await errorCode(() => sup.supervise(f.agents.agent2, chatId, 'MONITOR'))).toBe('forbidden');
    expect(await errorCode(() => sup.supervise(f.agents.admin, chatId, 'MONITOR'))).toBe('forbidden');
  });
});

describe('board, monitor next and help (S1, S4, S7)', () => {
  it('publishes versioned rows for touched chats, and a removal once done', async () => {
    const { agent1 } = f.agents;
    const chat = await f.newChat('Board Betty');
    await publish.flushBoard();
    const first = onChannel('private-supervisors').flatMap((s) => (s.data as { rows?: { id: string; version: number; status: string }[] }).rows ?? []);
    expect(first.find((r) => r.id === chat.chatId)?.status).toBe('QUEUED');
    await f.contactChat.contactSend(chat.chatId, chat.secret, { clientId: cid('c'), text: 'anyone?' });
    await publish.flushBoard();
    const rows = onChannel('private-supervisors').flatMap((s) => (s.data as { rows?: { id: string; version: number; lastMessage: { text: string } | null }[] }).rows ?? []).filter((r) => r.id === chat.chatId);
    expect(rows.at(-1)?.lastMessage?.text).toBe('anyone?');
    expect(rows.at(-1)!.version).toBeGreaterThan(rows[0]!.version);
    await f.contactChat.contactEnd(chat.chatId, chat.secret); // never accepted → DONE at once
    await publish.flushBoard();
    const removed = onChannel('private-supervisors').flatMap((s) => (s.data as { removed?: { id: string }[] }).removed ?? []);
    expect(removed.map((r) => r.id)).toContain(chat.chatId);
    // An agent's state change reaches the agents panel, with time in state moved by the database.
    const before = await f.db.user.findUniqueOrThrow({ where: { id: agent1.id }, select: { statusSince: true } });
    await sleep(20);
    await f.agentChat.setAgentState(agent1, { status: 'NOT_READY', reason: 'lunch' });
    await publish.flushBoard();
    const agentRow = onChannel('private-supervisors').flatMap((s) => (s.data as { agents?: { id: string; notReadyReason: string; statusSince: string }[] }).agents ?? []).findLast((a) => a.id === agent1.id);
    expect(agentRow?.notReadyReason).toBe('lunch');
    expect(Date.parse(agentRow!.statusSince)).toBeGreaterThan(before.statusSince.getTime());
  });

  it('monitor next joins the supervisor to the agent’s next accepted chat, silently, until stopped', async () => {
    const { agent1, supervisor } = f.agents;
    await sup.setMonitorNext(supervisor, agent1.id, true);
    expect(await sup.monitorNextList(supervisor)).toEqual([agent1.id]);
    const { chatId, secret } = await f.activeFor(agent1);
    expect(await sup.mySessions(supervisor)).toEqual([expect.objectContaining({ interactionId: chatId, mode: 'MONITOR' })]);
    expect(onChannel(`private-user-${supervisor.id}`).map((s) => s.data)).toEqual([{ interactionId: chatId, mode: 'MONITOR', agentId: agent1.id }]);
    expect(json(await f.contactChat.contactChatState(chatId, secret, 0))).not.toContain('Sam Supervisor');
    await sup.setMonitorNext(supervisor, agent1.id, false);
    const second = await f.activeFor(agent1);
    expect((await sup.mySessions(supervisor)).map((s) => s.interactionId)).not.toContain(second.chatId);
  });

  it('a help request lights the row and the agent until a supervisor monitors the chat', async () => {
    const { agent1, supervisor } = f.agents;
    const { chatId } = await f.activeFor(agent1);
    await sup.setHelpRequest(chatId, true);
    expect((await boardData.readBoardRows([chatId])).rows[0]?.helpRequestedAt).not.toBeNull();
    expect((await boardData.readAgentRows([agent1.id]))[0]?.helpRequests).toBe(1);
    await sup.supervise(supervisor, chatId, 'MONITOR');
    expect((await boardData.readBoardRows([chatId])).rows[0]?.helpRequestedAt).toBeNull();
    expect((await boardData.readAgentRows([agent1.id]))[0]?.helpRequests).toBe(0);
  });
});

describe('queue figures from stored data (S3)', () => {
  let fresh: PrismaClient | undefined;
  afterAll(async () => {
    await fresh?.$disconnect();
  });

  it('come out the same from a fresh database client (as after a restart), late answers included', async () => {
    const { agent1 } = f.agents;
    // Earlier tests' chats count today too: measure what this test adds.
    const base = await figures.queueFigures();
    // One handled chat with a late answer, one still waiting, one abandoned.
    const a = await f.activeFor(agent1);
    await f.contactChat.contactSend(a.chatId, a.secret, { clientId: cid('c'), text: 'hello?' });
    await f.db.$executeRaw`UPDATE "Interaction" SET "pendingSince" = "pendingSince" - interval '5 minutes' WHERE id = ${a.chatId}`;
    await f.agentChat.agentSend(agent1, a.chatId, { clientId: cid('a'), text: 'sorry for the wait' });
    await f.agentChat.agentEnd(agent1, a.chatId);
    await f.agentChat.markDone(agent1, a.chatId);
    await f.newChat('Waiting Wendy');
    const gone = await f.newChat('Leaving Lou');
    await f.contactChat.contactEnd(gone.chatId, gone.secret);

    const waits = await f.db.responseWait.findMany({ where: { interactionId: a.chatId } });
    expect(waits).toHaveLength(1);
    expect(waits[0]!.waitMs).toBeGreaterThanOrEqual(5 * 60_000);

    const now = new Date();
    const before = await figures.queueFigures({ now });
    const added = (k: 'offered' | 'accepted' | 'abandoned' | 'handled' | 'redResponses') => before.overall[k] - base.overall[k];
    expect(before.overall.waiting).toBe(1);
    expect({ offered: added('offered'), accepted: added('accepted'), abandoned: added('abandoned'), handled: added('handled'), red: added('redResponses') }).toEqual({
      offered: 3,
      accepted: 1,
      abandoned: 1,
      handled: 1,
      red: 1,
    });
    expect(before.overall.avgHandleMs).toBeGreaterThan(0);

    fresh = new PrismaClient({ adapter: new PrismaPg({ connectionString: useTestEnv().DATABASE_URL!, options: '-c timezone=UTC' }) });
    f.settings.forgetCachedSettings();
    const after = await figures.queueFigures({ now, client: fresh });
    expect(after).toEqual(before);
  });
});
