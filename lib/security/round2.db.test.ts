// Security round 2 (issue 15) on real PostgreSQL: defect 4 (standard-response placeholders from
// the name the contact typed, never the linked record's), defect 6 (a demoted supervisor loses
// barge-in and coaching), defect 9 (a duplicate clientId returns only the caller's own message).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let responses: typeof import('@/lib/responses/responses');
let supervision: typeof import('@/lib/supervisor/supervision');
let internal: typeof import('@/lib/interactions/staff/internal-stream');
let directory: typeof import('@/lib/admin/directory-admin');

beforeAll(async () => {
  f = await loadFixtures();
  [responses, supervision, internal, directory] = await Promise.all([
    import('@/lib/responses/responses'),
    import('@/lib/supervisor/supervision'),
    import('@/lib/interactions/staff/internal-stream'),
    import('@/lib/admin/directory-admin'),
  ]);
});
beforeEach(async () => {
  await f.reset();
});

describe('defect 4: standard-response placeholders', () => {
  it('{contact.name} and {contact.firstName} are what the contact typed for this chat, not the linked record', async () => {
    const chat = await f.activeFor(f.agents.agent1);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId }, select: { contactId: true } });
    // An unverified email can link the chat to somebody else's record.
    await f.db.contact.update({ where: { id: row.contactId }, data: { name: 'Stranger Person' } });
    const r = await responses.responsesForChat(f.agents.agent1, chat.chatId);
    expect(r.values['contact.name']).toBe('Casey Contact');
    expect(r.values['contact.firstName']).toBe('Casey');
  });
});

describe('defect 6: a supervisor demoted to agent keeps no supervision rights', () => {
  async function demote(id: string) {
    const u = await f.db.user.findUniqueOrThrow({ where: { id }, include: { skills: true } });
    await directory.updateUser(f.agents.admin, { id, active: u.active, name: u.name, role: 'AGENT', groupId: u.groupId, capacity: u.capacity, nickname: u.nickname, skillIds: u.skills.map((s) => s.skillId) });
  }
  async function restore(id: string) {
    await f.db.user.update({ where: { id }, data: { role: 'SUPERVISOR' } });
  }

  it('the demotion ends their MONITOR, COACH and BARGE_IN rows', async () => {
    const { supervisor } = f.agents;
    const coached = await f.activeFor(f.agents.agent1);
    const barged = await f.activeFor(f.agents.agent2);
    const watched = await f.activeFor(f.agents.agent3);
    await supervision.supervise(supervisor, coached.chatId, 'COACH');
    await supervision.supervise(supervisor, barged.chatId, 'BARGE_IN');
    await supervision.supervise(supervisor, watched.chatId, 'MONITOR');
    try {
      await demote(supervisor.id);
      expect(await f.db.participant.count({ where: { userId: supervisor.id, leftAt: null, role: { in: ['MONITOR', 'COACH', 'BARGE_IN'] } } })).toBe(0);
    } finally {
      await restore(supervisor.id);
    }
  });

  it('a BARGE_IN or COACH row held by a non-supervisor opens neither the chat nor the coaching thread', async () => {
    const { supervisor } = f.agents;
    const coached = await f.activeFor(f.agents.agent1);
    const barged = await f.activeFor(f.agents.agent2);
    await supervision.supervise(supervisor, coached.chatId, 'COACH');
    await supervision.supervise(supervisor, barged.chatId, 'BARGE_IN');
    // The role as a session would carry it after a demotion that did not (yet) end the rows.
    const demoted = { id: supervisor.id, role: 'AGENT' as const };
    expect(await errorCode(() => f.agentChat.agentSend(demoted, barged.chatId, { clientId: cid('d6'), text: 'still barging?' }))).toBe('notFound');
    expect(await errorCode(() => internal.internalSend(demoted, coached.chatId, { clientId: cid('d6'), text: 'still coaching?', thread: 'coaching' }))).toBe('notFound');
    expect(await f.db.message.count({ where: { text: { in: ['still barging?', 'still coaching?'] } } })).toBe(0);
    // As a supervisor, both still work.
    await f.agentChat.agentSend(supervisor, barged.chatId, { clientId: cid('d6'), text: 'barging' });
    await internal.internalSend(supervisor, coached.chatId, { clientId: cid('d6'), text: 'coaching', thread: 'coaching' });
  });
});

describe('defect 9: a duplicate clientId returns only what the caller sent', () => {
  it('a contact reusing a coaching message’s clientId gets a conflict, never the internal text', async () => {
    const { supervisor, agent1 } = f.agents;
    const chat = await f.activeFor(agent1);
    await supervision.supervise(supervisor, chat.chatId, 'COACH');
    const clientId = cid('dup');
    await internal.internalSend(supervisor, chat.chatId, { clientId, text: 'Internal: offer 20% max', thread: 'coaching' });
    const err = await f.contactChat.contactSend(chat.chatId, chat.secret, { clientId, text: 'hello' }).then(
      (m) => JSON.stringify(m),
      (e: { code?: string }) => e.code,
    );
    expect(err).toBe('conflict');
  });

  it('an agent reusing the contact’s (or another agent’s) clientId gets a conflict; their own retry gets their message', async () => {
    const { agent1 } = f.agents;
    const chat = await f.activeFor(agent1);
    const contactMsg = await f.contactChat.contactSend(chat.chatId, chat.secret, { clientId: cid('cm'), text: 'from the contact' });
    expect(await errorCode(() => f.agentChat.agentSend(agent1, chat.chatId, { clientId: contactMsg.clientId!, text: 'mine' }))).toBe('conflict');
    const own = await f.agentChat.agentSend(agent1, chat.chatId, { clientId: cid('am'), text: 'from the agent' });
    expect((await f.agentChat.agentSend(agent1, chat.chatId, { clientId: own.clientId!, text: 'from the agent' })).id).toBe(own.id);
    expect(await errorCode(() => f.contactChat.contactSend(chat.chatId, chat.secret, { clientId: own.clientId!, text: 'x' }))).toBe('conflict');
    // The contact's own retry still gets its message back.
    expect((await f.contactChat.contactSend(chat.chatId, chat.secret, { clientId: contactMsg.clientId!, text: 'from the contact' })).id).toBe(contactMsg.id);
  });
});

describe('defect 9: the voice relay has a rate limit', () => {
  it('past VOICE_SIGNALS_PER_MINUTE signals a minute from one person on one chat, the relay answers rateLimited', async () => {
    const inv = await import('@/lib/collaboration/invitations');
    const voice = await import('@/lib/collaboration/voice');
    const { env } = await import('@/lib/env');
    const { agent1, agent3 } = f.agents;
    const chat = await f.activeFor(agent1);
    await f.db.user.update({ where: { id: agent3.id }, data: { agentStatus: 'NOT_READY', notReadyReason: 'break' } });
    const { invitationId } = await inv.invite(agent1, { interactionId: chat.chatId, kind: 'CONSULTATION', targetType: 'AGENT', targetRef: agent3.id });
    await inv.acceptCollaboration(agent3, invitationId);
    await f.db.rateLimit.deleteMany({ where: { key: { startsWith: 'voice:' } } });
    const signal = (i: number) => voice.relayVoiceSignal(agent1, chat.chatId, { callId: 'call-round2-1', to: agent3.id, type: 'ice', data: { candidate: `candidate:${i}` } });
    for (let i = 0; i < env.VOICE_SIGNALS_PER_MINUTE; i++) await signal(i);
    expect(await errorCode(() => signal(-1))).toBe('rateLimited');
    // The other end has a budget of its own.
    await voice.relayVoiceSignal(agent3, chat.chatId, { callId: 'call-round2-1', to: agent1.id, type: 'hangup' });
  });
});
