// Security round 2 (issue 15), defect 9, on real PostgreSQL: a consulted colleague (T4) is
// authorized for the chat's consultation channel only, never its internal channel (coaching,
// supervision); consultation lines go out on the consultation channel, coaching never does; and
// catch-up from the store keeps the same rule.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

/** Every broadcast the app makes, recorded instead of sent (the server SDK's two calls). */
const sent: { channel: string; name: string; data: unknown }[] = [];
(globalThis as unknown as { pusher?: unknown }).pusher = {
  async trigger(channel: string | string[], name: string, data: unknown) {
    for (const c of [channel].flat()) sent.push({ channel: c, name, data });
    return {};
  },
  async triggerBatch(batch: { channel: string; name: string; data: unknown }[]) {
    for (const b of batch) sent.push({ channel: b.channel, name: b.name, data: b.data });
    return {};
  },
  async terminateUserConnections() {
    return {};
  },
};

let f: Fixtures;
let inv: typeof import('@/lib/collaboration/invitations');
let consult: typeof import('@/lib/collaboration/consultation');
let internal: typeof import('@/lib/interactions/staff/internal-stream');
let supervision: typeof import('@/lib/supervisor/supervision');
let access: typeof import('@/lib/realtime/channel-access');
let ch: typeof import('@/lib/realtime/channels');

beforeAll(async () => {
  f = await loadFixtures();
  [inv, consult, internal, supervision, access, ch] = await Promise.all([
    import('@/lib/collaboration/invitations'),
    import('@/lib/collaboration/consultation'),
    import('@/lib/interactions/staff/internal-stream'),
    import('@/lib/supervisor/supervision'),
    import('@/lib/realtime/channel-access'),
    import('@/lib/realtime/channels'),
  ]);
});
beforeEach(async () => {
  await f.reset();
  sent.length = 0;
});

const texts = (channel: string) => sent.filter((s) => s.channel === channel && s.name === 'message').map((s) => (s.data as { text: string; event: string | null }).text || `(${(s.data as { event: string }).event})`);

describe('defect 9: consultations have their own channel', () => {
  it('the consulted agent hears the consultation channel only; coaching and supervision never reach them, live or on catch-up', async () => {
    const { agent1, agent2, agent4, supervisor } = f.agents;
    const chat = await f.activeFor(agent1);
    await f.db.user.update({ where: { id: agent4.id }, data: { agentStatus: 'NOT_READY', notReadyReason: 'break' } });
    const { invitationId } = await inv.invite(agent1, { interactionId: chat.chatId, kind: 'CONSULTATION', targetType: 'AGENT', targetRef: agent4.id });
    await inv.acceptCollaboration(agent4, invitationId);
    const parse = (name: string) => ch.parseChannel(name)!;
    const internalCh = ch.channels.internal(chat.chatId);
    const consultCh = ch.channels.consult(chat.chatId);
    expect(consultCh).toBe(`private-consult-${chat.chatId}`);

    // Channel authorization (what /api/pusher/auth asks).
    const may = async (who: typeof agent1, name: string) => access.staffMayHear(who, parse(name));
    expect(await may(agent4, internalCh)).toBe(false);
    expect(await may(agent4, ch.channels.chat(chat.chatId))).toBe(false);
    expect(await may(agent4, consultCh)).toBe(true);
    for (const member of [agent1, supervisor]) {
      expect(await may(member, internalCh)).toBe(true);
      expect(await may(member, consultCh)).toBe(true);
    }
    expect(await may(agent2, consultCh)).toBe(false);

    // Live: a coaching line goes out on the internal channel only; consultation lines on both.
    await supervision.supervise(supervisor, chat.chatId, 'COACH');
    await internal.internalSend(supervisor, chat.chatId, { clientId: cid('coach'), text: 'COACH-ONLY slow down', thread: 'coaching' });
    await consult.consultationSend(agent1, chat.chatId, { clientId: cid('q'), text: 'CONSULT-Q refund?' });
    await consult.consultationSend(agent4, chat.chatId, { clientId: cid('a'), text: 'CONSULT-A yes' });
    expect(texts(consultCh)).toEqual(['(joined)', 'CONSULT-Q refund?', 'CONSULT-A yes']);
    expect(texts(internalCh)).toEqual(expect.arrayContaining(['COACH-ONLY slow down', 'CONSULT-Q refund?', 'CONSULT-A yes']));
    expect(JSON.stringify(sent.filter((s) => s.channel === consultCh))).not.toMatch(/COACH-ONLY|monitored/);

    // Catch-up: the consulted agent reads the consultation thread only, and not the internal stream.
    const caughtUp = await consult.consultationSince(agent4, chat.chatId, 0);
    expect(caughtUp.map((m) => m.text).filter(Boolean)).toEqual(['CONSULT-Q refund?', 'CONSULT-A yes']);
    expect(await errorCode(() => internal.internalSince(agent4, chat.chatId, 0))).toBe('notFound');

    // Ended: the consultation channel is refused too.
    await consult.endConsultation(agent1, chat.chatId);
    expect(await may(agent4, consultCh)).toBe(false);
    expect(await may(agent1, consultCh)).toBe(true);
  });
});
