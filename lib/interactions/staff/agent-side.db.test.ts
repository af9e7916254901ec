// The agent side against real PostgreSQL: offers race to one outcome (R2), the chat lifecycle
// (end, done, disposition), access checks (X1) and nicknames (A5).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
beforeAll(async () => {
  f = await loadFixtures();
});
beforeEach(async () => {
  await f.reset();
});

function outcome(settled: PromiseSettledResult<unknown>[]) {
  const ok = settled.filter((s) => s.status === 'fulfilled');
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as { name?: string; code?: string });
  return { ok, failed };
}

describe('offers race to one outcome (R2)', () => {
  it('two simultaneous accepts of one offer give exactly one owner', async () => {
    const { agent1 } = f.agents;
    const chat = await f.offeredTo(agent1);
    await f.db.user.update({ where: { id: agent1.id }, data: { agentStatus: 'NOT_READY', notReadyReason: 'break' } });

    const { ok, failed } = outcome(
      await Promise.allSettled([f.agentChat.acceptInvitation(agent1, chat.invitationId), f.agentChat.acceptInvitation(agent1, chat.invitationId)]),
    );
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.name).toBe('AppError');
    expect(failed[0]!.code).toBe('invitationGone');

    const owners = await f.db.participant.findMany({ where: { interactionId: chat.chatId, role: 'OWNER' } });
    expect(owners).toHaveLength(1);
    expect(owners[0]!.userId).toBe(agent1.id);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
    expect(row.status).toBe('ACTIVE');
    expect(row.ownerId).toBe(agent1.id);
    expect(await f.db.message.count({ where: { interactionId: chat.chatId, event: 'joined' } })).toBe(1);
    const inv = await f.db.invitation.findUniqueOrThrow({ where: { id: chat.invitationId } });
    expect(inv.status).toBe('ACCEPTED');
  });

  it('accept racing reject: exactly one wins and the chat state matches the winner', async () => {
    const { agent1 } = f.agents;
    const winners = new Set<string>();
    for (let round = 0; round < 6; round++) {
      await f.reset();
      const chat = await f.offeredTo(agent1);
      const race =
        round % 2
          ? [f.agentChat.acceptInvitation(agent1, chat.invitationId), f.agentChat.rejectInvitation(agent1, chat.invitationId)]
          : [f.agentChat.rejectInvitation(agent1, chat.invitationId), f.agentChat.acceptInvitation(agent1, chat.invitationId)];
      const settled = await Promise.allSettled(race);
      const { ok, failed } = outcome(settled);
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0]!.code).toBe('invitationGone');

      const inv = await f.db.invitation.findUniqueOrThrow({ where: { id: chat.invitationId } });
      const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
      const owners = await f.db.participant.count({ where: { interactionId: chat.chatId, role: 'OWNER' } });
      const acceptWon = settled[round % 2 ? 0 : 1]!.status === 'fulfilled';
      if (acceptWon) {
        winners.add('accept');
        expect(inv.status).toBe('ACCEPTED');
        expect(row.status).toBe('ACTIVE');
        expect(row.ownerId).toBe(agent1.id);
        expect(owners).toBe(1);
      } else {
        winners.add('reject');
        expect(inv.status).toBe('REJECTED');
        // The rejecter is the only Ready agent and is in cooldown for this chat: it waits.
        expect(row.status).toBe('QUEUED');
        expect(row.ownerId).toBeNull();
        expect(owners).toBe(0);
        expect(await f.pendingOffers(chat.chatId)).toHaveLength(0);
      }
    }
    expect(winners.size).toBeGreaterThan(0);
  });
});

describe('accept racing the contact ending the chat', () => {
  // Both sides lock the chat row first: no deadlock, and an ACTIVE owned chat is ENDED, never DONE.
  it('one of them wins cleanly and the chat is left consistent', async () => {
    const { agent1 } = f.agents;
    for (let round = 0; round < 10; round++) {
      await f.reset();
      const chat = await f.offeredTo(agent1);
      const settled = await Promise.allSettled([
        f.agentChat.acceptInvitation(agent1, chat.invitationId),
        f.contactChat.contactEnd(chat.chatId, chat.secret),
      ]);
      for (const s of settled) {
        if (s.status === 'rejected') expect((s.reason as { code?: string }).code).toBe('invitationGone');
      }
      const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
      const open = await f.db.participant.count({ where: { interactionId: chat.chatId, leftAt: null } });
      if (row.ownerId) {
        expect(row.status).toBe('ENDED'); // the owner still has to wrap it up
        expect(open).toBe(1);
      } else {
        expect(row.status).toBe('DONE');
        expect(open).toBe(0);
      }
    }
  });
});

describe('chat lifecycle', () => {
  it('a rejected offer goes to the next agent, never back to the rejecter within the cooldown', async () => {
    const { agent1, agent2 } = f.agents;
    await f.ready([agent1, agent2]); // agent1 idle longest
    const chat = await f.newChat('Reject Rory');
    await f.router.routeQueued();
    const [first] = await f.pendingOffers(chat.chatId);
    expect(first?.targetUserId).toBe(agent1.id);

    await f.agentChat.rejectInvitation(agent1, first!.id);
    const second = await f.pendingOffers(chat.chatId);
    expect(second).toHaveLength(1);
    expect(second[0]!.targetUserId).toBe(agent2.id);
    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe('REJECTED');
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).status).toBe('OFFERED');

    // agent2 declines too: both are in cooldown, so it stays queued rather than bouncing back.
    await f.agentChat.rejectInvitation(agent2, second[0]!.id);
    await f.router.routeQueued();
    expect(await f.pendingOffers(chat.chatId)).toHaveLength(0);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).status).toBe('QUEUED');
    // A reject of an already-resolved offer is refused.
    expect(await errorCode(() => f.agentChat.rejectInvitation(agent1, first!.id))).toBe('invitationGone');
  });

  it('expires a due offer exactly once under concurrent sweeps, sets the agent Not Ready and re-offers', async () => {
    const { agent1, agent2 } = f.agents;
    await f.ready([agent1, agent2]);
    const chat = await f.newChat('Expiry Eve');
    await f.router.routeQueued();
    const [offer] = await f.pendingOffers(chat.chatId);
    expect(offer?.targetUserId).toBe(agent1.id);
    await f.db.invitation.update({ where: { id: offer!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const counts = await Promise.all([f.agentChat.expireDueInvitations(), f.agentChat.expireDueInvitations(), f.agentChat.expireDueInvitations()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);

    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: offer!.id } })).status).toBe('EXPIRED');
    const me = await f.db.user.findUniqueOrThrow({ where: { id: agent1.id } });
    expect(me.agentStatus).toBe('NOT_READY');
    expect(me.notReadyReason).toBe('missed');
    const next = await f.pendingOffers(chat.chatId);
    expect(next).toHaveLength(1);
    expect(next[0]!.targetUserId).toBe(agent2.id);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).status).toBe('OFFERED');

    // Too late to accept; a further sweep finds nothing.
    expect(await errorCode(() => f.agentChat.acceptInvitation(agent1, offer!.id))).toBe('invitationGone');
    expect(await f.agentChat.expireDueInvitations()).toBe(0);
  });

  it('puts an expired offer back in the queue when nobody else is Ready', async () => {
    const { agent1 } = f.agents;
    const chat = await f.offeredTo(agent1);
    await f.db.invitation.update({ where: { id: chat.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await f.agentChat.expireDueInvitations()).toBe(1);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).status).toBe('QUEUED');
    expect(await f.pendingOffers(chat.chatId)).toHaveLength(0);
  });

  it('end → ENDED with one "ended" message; done → DONE, participant left, off the workspace', async () => {
    const { agent1 } = f.agents;
    const { chatId } = await f.activeFor(agent1);

    expect(await errorCode(() => f.agentChat.markDone(agent1, chatId))).toBe('conflict');
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chatId } })).status).toBe('ACTIVE');

    // Both sides end at once: one end, one message.
    const ends = await Promise.all([
      f.agentChat.agentEnd(agent1, chatId),
      f.end.endInteraction({ interactionId: chatId, by: 'contact' }),
    ]);
    expect(ends.filter((e) => !e.alreadyEnded)).toHaveLength(1);
    const ended = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId } });
    expect(ended.status).toBe('ENDED');
    expect(ended.endedAt).not.toBeNull();
    const endedMsgs = await f.db.message.findMany({ where: { interactionId: chatId, event: 'ended' } });
    expect(endedMsgs).toHaveLength(1);
    expect(endedMsgs[0]!.kind).toBe('SYSTEM');
    expect(endedMsgs[0]!.seq).toBe(ended.lastSeq);
    expect(await errorCode(() => f.agentChat.agentSend(agent1, chatId, { clientId: cid('late'), text: 'hello?' }))).toBe('chatClosed');

    const before = await f.agentChat.workspace(agent1);
    expect(before.interactions.find((i) => i.id === chatId)?.status).toBe('ENDED');

    await f.agentChat.markDone(agent1, chatId);
    const done = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId } });
    expect(done.status).toBe('DONE');
    expect(done.doneAt).not.toBeNull();
    const parts = await f.db.participant.findMany({ where: { interactionId: chatId } });
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.every((p) => p.leftAt !== null)).toBe(true);
    const after = await f.agentChat.workspace(agent1);
    expect(after.interactions.map((i) => i.id)).not.toContain(chatId);
    // Done is final: a second one is refused (the agent is no longer in the chat).
    expect(await errorCode(() => f.agentChat.markDone(agent1, chatId))).toBe('notFound');
  });

  it('with dispositions required, done is refused until a disposition is set', async () => {
    const { agent1 } = f.agents;
    await f.settings.saveSettings({ dispositionRequired: true });
    const { chatId } = await f.activeFor(agent1);
    await f.agentChat.agentEnd(agent1, chatId);

    expect(await errorCode(() => f.agentChat.markDone(agent1, chatId))).toBe('dispositionRequired');
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chatId } })).status).toBe('ENDED');

    const code = await f.db.dispositionCode.findFirstOrThrow({ where: { name: 'Resolved' } });
    await f.agentChat.setDisposition(agent1, chatId, code.id);
    await f.agentChat.markDone(agent1, chatId);
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chatId } });
    expect(row.status).toBe('DONE');
    expect(row.dispositionId).toBe(code.id);
  });
});

describe('access (X1)', () => {
  it('an agent who is not in the chat gets notFound', async () => {
    const { agent1, agent2 } = f.agents;
    const { chatId } = await f.activeFor(agent1);
    expect(await errorCode(() => f.agentChat.agentSend(agent2, chatId, { clientId: cid('intruder'), text: 'hi' }))).toBe('notFound');
    expect(await errorCode(() => f.agentChat.interactionDetail(agent2, chatId))).toBe('notFound');
    expect(await errorCode(() => f.agentChat.transcriptSince(agent2, chatId, 0))).toBe('notFound');
    expect(await errorCode(() => f.agentChat.markDone(agent2, chatId))).toBe('notFound');
    expect(await f.db.message.count({ where: { interactionId: chatId, senderUserId: agent2.id } })).toBe(0);
    // The owner is let in.
    expect((await f.agentChat.interactionDetail(agent1, chatId)).access).toBe('owner');
  });

  it('a contact with a wrong or missing secret is unauthorized', async () => {
    const mine = await f.newChat('Secret Sam');
    const other = await f.newChat('Other Olga');
    const send = (secret: string | null) => f.contactChat.contactSend(mine.chatId, secret, { clientId: cid('sec'), text: 'hi' });
    expect(await errorCode(() => send('not-the-secret'))).toBe('unauthorized');
    expect(await errorCode(() => send(other.secret))).toBe('unauthorized');
    expect(await errorCode(() => send(null))).toBe('unauthorized');
    expect(await errorCode(() => f.contactChat.contactChatState(mine.chatId, other.secret, 0))).toBe('unauthorized');
    expect(await errorCode(() => f.contactChat.contactChatState('no-such-chat', mine.secret, 0))).toBe('unauthorized');
    expect(await f.db.message.count({ where: { interactionId: mine.chatId } })).toBe(0);
    // The right secret works.
    await send(mine.secret);
    expect(await f.db.message.count({ where: { interactionId: mine.chatId } })).toBe(1);
  });
});

describe('nicknames (A5)', () => {
  it('stores agent messages under the personal nickname, else the group generic one (default policy)', async () => {
    const { agent1, agent2 } = f.agents;
    const a = await f.activeFor(agent1);
    const sentA = await f.agentChat.agentSend(agent1, a.chatId, { clientId: cid('nick'), text: 'Hi, Alex here' });
    expect(sentA.senderName).toBe('Alex');
    expect((await f.db.message.findUniqueOrThrow({ where: { id: sentA.id } })).senderName).toBe('Alex');

    const b = await f.activeFor(agent2);
    const sentB = await f.agentChat.agentSend(agent2, b.chatId, { clientId: cid('nick'), text: 'Hi from support' });
    expect(sentB.senderName).toBe('Support');
    expect((await f.db.message.findUniqueOrThrow({ where: { id: sentB.id } })).senderName).toBe('Support');

    // The contact sees the same names, joined events included.
    const seen = await f.contactChat.contactChatState(b.chatId, b.secret, 0);
    expect(seen.messages.find((m) => m.event === 'joined')?.eventData?.name).toBe('Support');
    expect(seen.messages.find((m) => m.id === sentB.id)?.senderName).toBe('Support');
    expect(JSON.stringify(seen.messages)).not.toContain('Agent Two');
  });

  it('follows the admin policy: "name" shows the real name', async () => {
    const { agent1 } = f.agents;
    await f.settings.saveSettings({ nicknamePolicy: 'name' });
    const a = await f.activeFor(agent1);
    const sent = await f.agentChat.agentSend(agent1, a.chatId, { clientId: cid('nick'), text: 'hello' });
    expect(sent.senderName).toBe('Agent One');
  });
});
