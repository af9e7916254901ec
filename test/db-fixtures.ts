/**
 * Fixtures for the data-layer `*.db.test.ts` files: the seeded demo organisation on the shared
 * test database, plus a reset between tests so routing never reaches across tests.
 *
 *   const f = await loadFixtures();      // in beforeAll: empties the DB, seeds it, imports lib code
 *   beforeEach(() => f.reset());          // every agent Not Ready, nothing open, default settings
 *
 * Routing runs in the background after startChat/end/markDone (routeSoon). `reset()` first makes
 * every agent Not Ready — so any routing pass that starts later offers nothing — then waits for
 * passes already holding the routing lock before closing what earlier tests left open.
 */
import { expect } from 'vitest';
import { getDb, resetDb } from './db';

export type Staff = { id: string; role: 'AGENT' | 'SUPERVISOR' | 'ADMIN' };

const ROUTING_LOCK = 72_431; // lib/routing/router.ts

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let counter = 0;
/** A client id unique within the run, valid for clientIdSchema. */
export function cid(prefix = 'c') {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Runs `fn` and returns the AppError code it rejected with (fails the test if it resolved). */
export async function errorCode(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    expect((e as Error).name, `expected an AppError, got ${String(e)}`).toBe('AppError');
    return String(code);
  }
  throw new Error('expected the call to fail with an AppError, but it succeeded');
}

export async function loadFixtures() {
  // Broadcasts go to a closed port and are logged as warnings; keep the output to real errors.
  process.env.LOG_LEVEL ??= 'error';
  const db = await getDb();
  await resetDb();
  const { seedDemoData } = await import('@/prisma/seed');
  expect(await seedDemoData(db)).toBe(true);

  const [messages, end, contactChat, agentState, offers, agentMessages, wrapUp, agentViews, presence, router, settings, errors] = await Promise.all([
    import('@/lib/interactions/core/messages'),
    import('@/lib/interactions/core/end'),
    import('@/lib/interactions/contact/contact-chat'),
    import('@/lib/interactions/staff/agent-state'),
    import('@/lib/interactions/staff/offers'),
    import('@/lib/interactions/staff/agent-messages'),
    import('@/lib/interactions/staff/wrap-up'),
    import('@/lib/interactions/staff/agent-views'),
    import('@/lib/interactions/contact/presence'),
    import('@/lib/routing/router'),
    import('@/lib/settings/settings'),
    import('@/lib/errors'),
  ]);
  // The agent's side of a chat, across its modules (state, offers, sending, wrap-up, read models, presence).
  const agentChat = { ...agentState, ...offers, ...agentMessages, ...wrapUp, ...agentViews, ...presence };

  const users = await db.user.findMany({ select: { id: true, email: true, role: true } });
  const staff = (email: string): Staff => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`seeded user ${email} missing`);
    return { id: u.id, role: u.role };
  };
  const agents = {
    agent1: staff('agent1@example.com'),
    agent2: staff('agent2@example.com'),
    agent3: staff('agent3@example.com'),
    agent4: staff('agent4@example.com'),
    supervisor: staff('supervisor@example.com'),
    admin: staff('admin@example.com'),
  };

  /** Waits for routing passes that already hold (or queue for) the routing lock. */
  async function drainRouting() {
    await sleep(30);
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROUTING_LOCK})`;
    });
  }

  async function reset() {
    await db.user.updateMany({ data: { agentStatus: 'NOT_READY', notReadyReason: 'break', capacity: 3 } });
    await drainRouting();
    await db.invitation.updateMany({ where: { status: 'PENDING' }, data: { status: 'CANCELLED', resolvedAt: new Date() } });
    const now = new Date();
    await db.participant.updateMany({ where: { leftAt: null }, data: { leftAt: now } });
    await db.interaction.updateMany({
      where: { status: { in: ['QUEUED', 'OFFERED', 'ACTIVE', 'ENDED'] } },
      data: { status: 'DONE', doneAt: now, endedAt: now },
    });
    await db.setting.deleteMany({});
    settings.forgetCachedSettings();
  }

  /** Only these agents Ready, in this idle order (first = longest idle). */
  async function ready(list: Staff[], capacity?: number) {
    const base = Date.now() - 60 * 60 * 1000;
    for (const [i, a] of list.entries()) {
      await db.user.update({
        where: { id: a.id },
        data: { agentStatus: 'READY', notReadyReason: null, idleSince: new Date(base + i * 1000), ...(capacity ? { capacity } : {}) },
      });
    }
  }

  async function newChat(name = 'Casey Contact', extra: { language?: 'en' | 'fr'; queue?: string } = {}) {
    return contactChat.startChat({ name, question: 'Where is my order?', language: extra.language ?? 'en', queue: extra.queue });
  }

  async function pendingOffers(interactionId: string) {
    return db.invitation.findMany({ where: { interactionId, status: 'PENDING' } });
  }

  /** A new chat offered to `agent`, who must be the only Ready agent. */
  async function offeredTo(agent: Staff) {
    await ready([agent]);
    const chat = await newChat();
    await router.routeQueued();
    const offers = await pendingOffers(chat.chatId);
    expect(offers).toHaveLength(1);
    expect(offers[0]!.targetUserId).toBe(agent.id);
    return { ...chat, invitationId: offers[0]!.id };
  }

  /** A new ACTIVE chat owned by `agent`; the agent is left Not Ready so nothing else is routed. */
  async function activeFor(agent: Staff) {
    const chat = await offeredTo(agent);
    await db.user.update({ where: { id: agent.id }, data: { agentStatus: 'NOT_READY', notReadyReason: 'break' } });
    await agentChat.acceptInvitation(agent, chat.invitationId);
    return chat;
  }

  /** Open chats + pending offers per agent, as routing counts capacity. */
  async function load(agentIds: string[]) {
    const out: Record<string, number> = {};
    for (const id of agentIds) {
      const active = await db.participant.count({
        where: { userId: id, leftAt: null, role: { in: ['OWNER', 'CONFERENCE'] }, interaction: { status: 'ACTIVE' } },
      });
      const pending = await db.invitation.count({ where: { targetUserId: id, status: 'PENDING' } });
      out[id] = active + pending;
    }
    return out;
  }

  return { db, agents, reset, drainRouting, ready, newChat, pendingOffers, offeredTo, activeFor, load, messages, end, contactChat, agentChat, router, settings, errors };
}
export type Fixtures = Awaited<ReturnType<typeof loadFixtures>>;
