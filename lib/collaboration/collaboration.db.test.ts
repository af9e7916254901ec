// Transfer, conference and consultation against real PostgreSQL: racing answers resolve to one
// outcome, ownership is never lost, targets resolve to the right agent, consultation stays internal.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, sleep, type Fixtures, type Staff } from '@/test/db-fixtures';

let f: Fixtures;
let inv: typeof import('./invitations');
let consult: typeof import('./consultation');
beforeAll(async () => {
  f = await loadFixtures();
  inv = await import('./invitations');
  consult = await import('./consultation');
});
beforeEach(async () => {
  await f.reset();
});

async function notReady(...list: Staff[]) {
  for (const a of list) await f.db.user.update({ where: { id: a.id }, data: { agentStatus: 'NOT_READY', notReadyReason: 'break' } });
}

/** A live chat owned by agent1, and `target` invited by agent1 with the given timeout. */
async function invited(kind: 'TRANSFER' | 'CONFERENCE' | 'CONSULTATION', target: Staff, timeoutSec = 30) {
  const { agent1 } = f.agents;
  const chat = await f.activeFor(agent1);
  await f.settings.saveSettings({ transferTimeoutSec: timeoutSec, conferenceTimeoutSec: timeoutSec, consultTimeoutSec: timeoutSec });
  await notReady(target);
  const r = await inv.invite(agent1, { interactionId: chat.chatId, kind, targetType: 'AGENT', targetRef: target.id });
  return { chat, invitationId: r.invitationId };
}

async function owners(interactionId: string) {
  return f.db.participant.findMany({ where: { interactionId, role: 'OWNER', leftAt: null } });
}

describe('invitations race to one outcome', () => {
  it('accept racing the expiry: exactly one wins, and the chat matches it', async () => {
    const { agent1, agent2 } = f.agents;
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      await f.reset();
      const { chat, invitationId } = await invited('TRANSFER', agent2);
      // Due in a few ms: the accept and the sweep arrive around the deadline together.
      await f.db.invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() + 15 + round * 3) } });
      await sleep(10 + round * 2);
      const [accept, expired] = await Promise.allSettled([inv.acceptCollaboration(agent2, invitationId), inv.expireDueCollaborations()]);
      const row = await f.db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
      const interaction = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
      const own = await owners(chat.chatId);
      expect(own).toHaveLength(1);
      if (accept.status === 'fulfilled') {
        seen.add('accept');
        expect(row.status).toBe('ACCEPTED');
        expect(expired.status === 'fulfilled' && expired.value).toBe(0);
        expect(interaction.ownerId).toBe(agent2.id);
        expect(own[0]!.userId).toBe(agent2.id);
      } else {
        seen.add('expire');
        expect((accept.reason as { code?: string }).code).toBe('invitationGone');
        // Either this sweep or a later one expires it; never both an accept and an expiry.
        await inv.expireDueCollaborations();
        expect((await f.db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe('EXPIRED');
        expect(interaction.ownerId).toBe(agent1.id);
        expect(own[0]!.userId).toBe(agent1.id);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(1);
  });

  it('accept racing a cancel: one outcome, the other is refused', async () => {
    const { agent1, agent3 } = f.agents;
    const winners = new Set<string>();
    for (let round = 0; round < 6; round++) {
      await f.reset();
      const { chat, invitationId } = await invited('CONFERENCE', agent3);
      const race = round % 2 ? [inv.acceptCollaboration(agent3, invitationId), inv.answerNo(agent1, invitationId, 'cancel')] : [inv.answerNo(agent1, invitationId, 'cancel'), inv.acceptCollaboration(agent3, invitationId)];
      const settled = await Promise.allSettled(race);
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')!;
      expect((failed.reason as { code?: string }).code).toBe('invitationGone');
      const row = await f.db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
      const conference = await f.db.participant.count({ where: { interactionId: chat.chatId, userId: agent3.id, role: 'CONFERENCE', leftAt: null } });
      const acceptWon = settled[round % 2 ? 0 : 1]!.status === 'fulfilled';
      winners.add(acceptWon ? 'accept' : 'cancel');
      expect(row.status).toBe(acceptWon ? 'ACCEPTED' : 'CANCELLED');
      expect(conference).toBe(acceptWon ? 1 : 0);
      expect(await f.db.message.count({ where: { interactionId: chat.chatId, event: 'joined', senderUserId: agent3.id } })).toBe(acceptWon ? 1 : 0);
    }
    expect(winners.size).toBeGreaterThanOrEqual(1);
  });

  it('only the invited agent answers and only the inviter cancels', async () => {
    const { agent1, agent2, agent3 } = f.agents;
    const { invitationId } = await invited('TRANSFER', agent2);
    expect(await errorCode(() => inv.acceptCollaboration(agent3, invitationId))).toBe('notFound');
    expect(await errorCode(() => inv.acceptCollaboration(agent1, invitationId))).toBe('notFound');
    expect(await errorCode(() => inv.answerNo(agent2, invitationId, 'cancel'))).toBe('notFound');
    expect(await errorCode(() => inv.answerNo(agent3, invitationId, 'reject'))).toBe('notFound');
    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe('PENDING');
  });
});

describe('transfer and conference', () => {
  it('an accepted transfer moves ownership; the old owner leaves; the contact sees the new agent join', async () => {
    const { agent1, agent2 } = f.agents;
    const { chat, invitationId } = await invited('TRANSFER', agent2);
    await inv.acceptCollaboration(agent2, invitationId);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
    expect(row.ownerId).toBe(agent2.id);
    expect((await owners(chat.chatId)).map((o) => o.userId)).toEqual([agent2.id]);
    expect(await f.db.participant.count({ where: { interactionId: chat.chatId, userId: agent1.id, leftAt: null } })).toBe(0);
    const events = await f.db.message.findMany({ where: { interactionId: chat.chatId, kind: 'SYSTEM' }, orderBy: { seq: 'asc' }, select: { event: true, eventData: true, visibility: true } });
    expect(events.slice(-2)).toEqual([
      { event: 'left', eventData: { name: 'Alex' }, visibility: 'EVERYONE' },
      { event: 'joined', eventData: { name: 'Support' }, visibility: 'EVERYONE' },
    ]);
  });

  it('two conference members leaving at once still leave one owner', async () => {
    const { agent1, agent3 } = f.agents;
    for (let round = 0; round < 4; round++) {
      await f.reset();
      const { chat, invitationId } = await invited('CONFERENCE', agent3);
      await inv.acceptCollaboration(agent3, invitationId);
      const settled = await Promise.allSettled(round % 2 ? [inv.leaveChat(agent1, chat.chatId), inv.leaveChat(agent3, chat.chatId)] : [inv.leaveChat(agent3, chat.chatId), inv.leaveChat(agent1, chat.chatId)]);
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')!;
      expect((failed.reason as { code?: string }).code).toBe('lastMember');
      const own = await owners(chat.chatId);
      expect(own).toHaveLength(1);
      const live = await f.db.participant.findMany({ where: { interactionId: chat.chatId, leftAt: null } });
      expect(live).toHaveLength(1);
      expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).ownerId).toBe(own[0]!.userId);
    }
  });

  it('the inviter ending their part hands the chat to the conference target, who can end it and Mark Done', async () => {
    const { agent1, agent3 } = f.agents;
    const { chat, invitationId } = await invited('CONFERENCE', agent3);
    await inv.acceptCollaboration(agent3, invitationId);
    expect(await errorCode(() => f.agentChat.markDone(agent3, chat.chatId))).toBe('forbidden');
    expect((await inv.leaveChat(agent1, chat.chatId)).newOwnerId).toBe(agent3.id);
    expect(await errorCode(() => inv.leaveChat(agent3, chat.chatId))).toBe('lastMember');
    await f.agentChat.agentEnd(agent3, chat.chatId);
    await f.agentChat.markDone(agent3, chat.chatId);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).status).toBe('DONE');
  });

  it('T3: in a conference, End chat ends only that agent’s part; the contact sees them leave and keeps chatting; the last agent ends it', async () => {
    const { agent1, agent3 } = f.agents;
    const { chat, invitationId } = await invited('CONFERENCE', agent3);
    await inv.acceptCollaboration(agent3, invitationId);
    await f.agentChat.agentEnd(agent1, chat.chatId);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
    expect(row.status).toBe('ACTIVE');
    expect(row.ownerId).toBe(agent3.id);
    expect((await owners(chat.chatId)).map((o) => o.userId)).toEqual([agent3.id]);
    expect(await f.db.participant.count({ where: { interactionId: chat.chatId, userId: agent1.id, leftAt: null } })).toBe(0);
    const last = await f.db.message.findFirstOrThrow({ where: { interactionId: chat.chatId }, orderBy: { seq: 'desc' }, select: { event: true, eventData: true, visibility: true } });
    expect(last).toEqual({ event: 'left', eventData: { name: 'Alex' }, visibility: 'EVERYONE' });
    // The contact goes on chatting with the target.
    await f.contactChat.contactSend(chat.chatId, chat.secret, { clientId: cid('t3'), text: 'still here' });
    // The last agent's End chat ends it for the contact.
    await f.agentChat.agentEnd(agent3, chat.chatId);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).status).toBe('ENDED');
  });

  it('T3: two conference members pressing End chat at once: one leaves, the other ends the chat', async () => {
    const { agent1, agent3 } = f.agents;
    for (let round = 0; round < 3; round++) {
      await f.reset();
      const { chat, invitationId } = await invited('CONFERENCE', agent3);
      await inv.acceptCollaboration(agent3, invitationId);
      const settled = await Promise.allSettled([f.agentChat.agentEnd(agent1, chat.chatId), f.agentChat.agentEnd(agent3, chat.chatId)]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
      const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
      expect(row.status).toBe('ENDED');
      const own = await owners(chat.chatId);
      expect(own).toHaveLength(1);
      expect(row.ownerId).toBe(own[0]!.userId);
    }
  });

  it('invitations expire on the sweep and the chat stays with its owner', async () => {
    const { agent1, agent2 } = f.agents;
    const { chat, invitationId } = await invited('TRANSFER', agent2);
    await f.db.invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await inv.expireDueCollaborations()).toBeGreaterThanOrEqual(2); // target and inviter told
    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe('EXPIRED');
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).ownerId).toBe(agent1.id);
    const state = await inv.collaborationState(agent1, chat.chatId);
    expect(state.invitations.map((i) => i.status)).toEqual(['EXPIRED']);
  });
});

describe('target resolution', () => {
  it('a skill or a queue reaches the Ready agent with that skill; none available changes nothing', async () => {
    const { agent1, agent2, agent3 } = f.agents;
    const chat = await f.activeFor(agent2);
    const billing = await f.db.skill.findUniqueOrThrow({ where: { name: 'Billing' } });
    const billingQueue = await f.db.queue.findUniqueOrThrow({ where: { name: 'Billing' } });
    const before = await f.db.invitation.count({ where: { interactionId: chat.chatId } });
    expect(await errorCode(() => inv.invite(agent2, { interactionId: chat.chatId, kind: 'TRANSFER', targetType: 'SKILL', targetRef: billing.id }))).toBe('noAgentAvailable');
    expect(await f.db.invitation.count({ where: { interactionId: chat.chatId } })).toBe(before);

    await f.ready([agent3, agent1]); // agent3 idles longest but lacks Billing
    const r = await inv.invite(agent2, { interactionId: chat.chatId, kind: 'TRANSFER', targetType: 'SKILL', targetRef: billing.id });
    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: r.invitationId } })).targetUserId).toBe(agent1.id);
    await inv.answerNo(agent2, r.invitationId, 'cancel');
    const q = await inv.invite(agent2, { interactionId: chat.chatId, kind: 'CONFERENCE', targetType: 'QUEUE', targetRef: billingQueue.id });
    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: q.invitationId } })).targetUserId).toBe(agent1.id);
    const main = await f.db.queue.findUniqueOrThrow({ where: { name: 'Main' } });
    const m = await inv.invite(agent2, { interactionId: chat.chatId, kind: 'TRANSFER', targetType: 'QUEUE', targetRef: main.id });
    // Main has no skill: the longest idle Ready agent not already invited.
    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: m.invitationId } })).targetUserId).toBe(agent3.id);
  });

  it('only members invite; a conference member cannot transfer', async () => {
    const { agent1, agent2, agent3 } = f.agents;
    const chat = await f.activeFor(agent1);
    expect(await errorCode(() => inv.invite(agent2, { interactionId: chat.chatId, kind: 'CONFERENCE', targetType: 'AGENT', targetRef: agent3.id }))).toBe('notFound');
    await notReady(agent3);
    const c = await inv.invite(agent1, { interactionId: chat.chatId, kind: 'CONFERENCE', targetType: 'AGENT', targetRef: agent3.id });
    await inv.acceptCollaboration(agent3, c.invitationId);
    await notReady(agent2);
    expect(await errorCode(() => inv.invite(agent3, { interactionId: chat.chatId, kind: 'TRANSFER', targetType: 'AGENT', targetRef: agent2.id }))).toBe('forbidden');
  });
});

describe('consultation', () => {
  it('stays on the internal stream, never on the contact’s', async () => {
    const { agent1, agent4 } = f.agents;
    const { chat, invitationId } = await invited('CONSULTATION', agent4);
    expect(await errorCode(() => consult.consultationSince(agent4, chat.chatId, 0))).toBe('notFound');
    await inv.acceptCollaboration(agent4, invitationId);
    expect(await consult.isConsulted(agent4.id, chat.chatId)).toBe(true);
    await consult.consultationSend(agent1, chat.chatId, { clientId: cid(), text: 'Is a refund allowed here?' });
    await consult.consultationSend(agent4, chat.chatId, { clientId: cid(), text: 'Yes, up to 30 days.' });
    const thread = await consult.consultationSince(agent4, chat.chatId, 0);
    expect(thread.filter((m) => m.kind === 'TEXT').map((m) => m.text)).toEqual(['Is a refund allowed here?', 'Yes, up to 30 days.']);
    expect(thread.every((m) => m.visibility === 'INTERNAL' && m.thread === 'consultation')).toBe(true);
    const contactView = await f.contactChat.contactChatState(chat.chatId, chat.secret, 0);
    expect(contactView.messages.some((m) => /refund|30 days/.test(m.text))).toBe(false);
    await consult.endConsultation(agent1, chat.chatId);
    expect(await consult.isConsulted(agent4.id, chat.chatId)).toBe(false);
    expect(await errorCode(() => consult.consultationSend(agent4, chat.chatId, { clientId: cid(), text: 'late' }))).toBe('notFound');
    // Kept in the interaction's history.
    expect((await consult.consultationSince(agent1, chat.chatId, 0)).filter((m) => m.kind === 'TEXT')).toHaveLength(2);
  });
});
