// R2/R3 against real PostgreSQL: a burst of chats with concurrent routing passes never puts an
// agent over capacity (open chats + pending offers), and routing keeps that as offers are taken.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, sleep, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
beforeAll(async () => {
  f = await loadFixtures();
});
beforeEach(async () => {
  await f.reset();
});

describe('routing under a burst (R2, R3)', () => {
  it('20 chats at once with concurrent routing: 3 agents × capacity 2 get exactly 6 offers, the rest wait', async () => {
    const { agent1, agent2, agent3 } = f.agents;
    const team = [agent1, agent2, agent3];
    const ids = team.map((a) => a.id);
    await f.ready(team, 2);

    const settled = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => f.newChat(`Burst ${i}`)),
      ...Array.from({ length: 5 }, () => f.router.routeQueued()),
    ]);
    const chatIds = settled.filter((x): x is { chatId: string; secret: string } => typeof x === 'object').map((c) => c.chatId);
    expect(chatIds).toHaveLength(20);
    // Let the background passes started by startChat (routeSoon) finish, then route once more.
    await sleep(200);
    await f.drainRouting();
    await f.router.routeQueued();

    const check = async (expectedInvitations: number) => {
      const load = await f.load(ids);
      for (const id of ids) expect(load[id], `agent ${id} over capacity`).toBeLessThanOrEqual(2);
      // Every offer ever made for these chats (none was resolved in between, so none was
      // made and then withdrawn to hide an over-offer).
      expect(await f.db.invitation.count({ where: { interactionId: { in: chatIds } } })).toBe(expectedInvitations);
      expect(await f.db.invitation.count({ where: { targetUserId: { notIn: ids } } })).toBe(0);
      return load;
    };

    const load = await check(6);
    expect(Object.values(load)).toEqual([2, 2, 2]);
    const statuses = await f.db.interaction.groupBy({ by: ['status'], where: { id: { in: chatIds } }, _count: true });
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s._count]));
    expect(byStatus).toEqual({ OFFERED: 6, QUEUED: 14 });
    // No chat holds two pending offers.
    const pending = await f.db.invitation.findMany({ where: { interactionId: { in: chatIds }, status: 'PENDING' } });
    expect(new Set(pending.map((p) => p.interactionId)).size).toBe(6);

    // Each agent takes one offer while routing runs alongside: still at capacity, no new offers.
    const firstOf = (agentId: string) => pending.find((p) => p.targetUserId === agentId)!;
    await Promise.all([
      ...team.map((a) => f.agentChat.acceptInvitation(a, firstOf(a.id).id)),
      f.router.routeQueued(),
      f.router.routeQueued(),
    ]);
    await f.router.routeQueued();
    expect(Object.values(await check(6))).toEqual([2, 2, 2]);

    // Then the second ones: 2 active chats each, still nothing more offered.
    const rest = await f.db.invitation.findMany({ where: { interactionId: { in: chatIds }, status: 'PENDING' } });
    expect(rest).toHaveLength(3);
    await Promise.all([
      ...rest.map((inv) => f.agentChat.acceptInvitation(team.find((a) => a.id === inv.targetUserId)!, inv.id)),
      f.router.routeQueued(),
    ]);
    await f.router.routeQueued();
    expect(Object.values(await check(6))).toEqual([2, 2, 2]);
    expect(await f.db.interaction.count({ where: { id: { in: chatIds }, status: 'ACTIVE' } })).toBe(6);

    // agent1 finishes one chat: exactly one seat frees, and exactly one new offer fills it.
    const done = await f.db.interaction.findFirstOrThrow({ where: { id: { in: chatIds }, ownerId: agent1.id, status: 'ACTIVE' } });
    await f.agentChat.agentEnd(agent1, done.id);
    await f.agentChat.markDone(agent1, done.id);
    await Promise.all([f.router.routeQueued(), f.router.routeQueued(), f.router.routeQueued()]);
    await sleep(100);
    await f.drainRouting();
    const after = await check(7);
    expect(after[agent1.id]).toBe(2);
    const fresh = await f.db.invitation.findMany({ where: { interactionId: { in: chatIds }, status: 'PENDING' } });
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.targetUserId).toBe(agent1.id);
    expect(await f.db.interaction.count({ where: { id: { in: chatIds }, status: 'QUEUED' } })).toBe(13);
  });

  it('a queue longer than one routing batch (25) is offered in full, never over capacity', async () => {
    const { agent1, agent2 } = f.agents;
    const chats = [];
    for (let i = 0; i < 70; i++) chats.push(await f.newChat(`Long queue ${i}`));
    await f.drainRouting();
    await f.ready([agent1, agent2], 40);
    // Calls made during a pass share the pass after it; all of them settle.
    const made = await Promise.all([f.router.routeQueued(), f.router.routeQueued(), f.router.routeQueued()]);
    await f.drainRouting();
    const ids = chats.map((c) => c.chatId);
    expect(await f.db.interaction.count({ where: { id: { in: ids }, status: 'OFFERED' } })).toBe(70);
    expect(await f.db.invitation.count({ where: { interactionId: { in: ids }, status: 'PENDING' } })).toBe(70);
    // Calls that share a pass each answer that pass's count (a pass may already have run for the Ready agents).
    for (const n of made) expect(n).toBeLessThanOrEqual(70);
    const load = await f.load([agent1.id, agent2.id]);
    expect(load[agent1.id]! + load[agent2.id]!).toBe(70);
    for (const id of [agent1.id, agent2.id]) expect(load[id]).toBeLessThanOrEqual(40);
  });

  it('offers only to Ready agents with the needed skill, longest idle first', async () => {
    const { agent2, agent3, agent4 } = f.agents;
    // agent3 idles longest but speaks no French; agent4 (French) before agent2 (English + French).
    await f.ready([agent3, agent4, agent2]);
    const fr = await f.newChat('Françoise', { language: 'fr' });
    await f.router.routeQueued();
    const [offer] = await f.pendingOffers(fr.chatId);
    expect(offer?.targetUserId).toBe(agent4.id);

    // A Billing-queue chat needs the Billing skill: none of these Ready agents has it.
    const billing = await f.newChat('Bill Payer', { queue: 'Billing' });
    await f.router.routeQueued();
    expect(await f.pendingOffers(billing.chatId)).toHaveLength(0);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: billing.chatId } })).status).toBe('QUEUED');
    // agent1 has Billing; once Ready, they get it.
    await f.agentChat.setAgentState(f.agents.agent1, { status: 'READY' });
    const [billOffer] = await f.pendingOffers(billing.chatId);
    expect(billOffer?.targetUserId).toBe(f.agents.agent1.id);
  });

  it('offers nothing to Not Ready or logged-out agents', async () => {
    const { agent1, agent2 } = f.agents;
    await f.agentChat.setAgentState(agent1, { status: 'NOT_READY', reason: 'lunch' });
    await f.agentChat.setAgentState(agent2, { status: 'LOGGED_OUT' });
    const chat = await f.newChat('Nobody Home');
    await f.router.routeQueued();
    expect(await f.pendingOffers(chat.chatId)).toHaveLength(0);
    expect(await f.router.queuePosition(chat.chatId)).toBe(1);
  });
});

describe('routing racing the contact leaving', () => {
  // Routing flips QUEUED → OFFERED conditionally, so an ended chat is never brought back.
  it('never re-opens a chat the contact ended while it was being routed', async () => {
    const { agent1, agent2 } = f.agents;
    const chats = [];
    for (let i = 0; i < 20; i++) chats.push(await f.newChat(`Leaver ${i}`));
    await f.drainRouting();
    await f.ready([agent1, agent2], 100);

    await Promise.all([f.router.routeQueued(), ...chats.map((c) => f.contactChat.contactEnd(c.chatId, c.secret))]);
    await f.drainRouting();

    const ids = chats.map((c) => c.chatId);
    const rows = await f.db.interaction.findMany({ where: { id: { in: ids } }, select: { status: true, endedAt: true } });
    const reopened = rows.filter((r) => r.endedAt !== null && r.status !== 'DONE' && r.status !== 'ENDED');
    expect(reopened).toHaveLength(0);
    expect(await f.db.invitation.count({ where: { interactionId: { in: ids }, status: 'PENDING' } })).toBe(0);
  });
});
