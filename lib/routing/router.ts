import 'server-only';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { broadcast, type Broadcast } from '@/lib/realtime/server';
import { channels, events, type InvitationEvent } from '@/lib/realtime/channels';
import { getSettings } from '@/lib/settings/settings';
import { logger } from '@/lib/log';
import { newId } from '@/lib/interactions/core/message-rows';
import { lockRouting } from '@/lib/interactions/core/chat-store';
import { LIVE_MEMBERS, sqlRoleList } from '@/lib/access/participant-roles';
import { singleFlight } from './single-flight';

/** An agent's load (for `u`): live chats they own or confer on, plus offers awaiting their answer. */
const LOAD_SQL = Prisma.sql`(
  (SELECT count(*) FROM "Participant" p JOIN "Interaction" i ON i.id = p."interactionId"
    WHERE p."userId" = u.id AND p."leftAt" IS NULL AND p.role IN (${Prisma.raw(sqlRoleList(LIVE_MEMBERS))}) AND i.status = 'ACTIVE')
  + (SELECT count(*) FROM "Invitation" v WHERE v."targetUserId" = u.id AND v.status = 'PENDING' AND v.kind <> 'CONSULTATION'))`;


interface QueuedChat {
  id: string;
  createdAt: Date;
  subject: string;
  requiredSkillId: string | null;
  contactName: string;
  contact: { name: string };
  queue: { name: string; skillId: string | null };
}

interface Offer {
  invitation: InvitationEvent;
  agentId: string;
}

// Offers made per transaction. A pass over a long queue commits every BATCH offers: a
// transaction that offered hundreds of chats held the routing lock (and, behind it, every other
// router's pool connection) for seconds and, past Prisma's 5 s limit, was undone entirely, so
// under load no offer was ever made.
const BATCH = 25;

interface RouteOptions {
  announce?: boolean;
}

/**
 * Offers queued chats to Ready agents with free capacity and the skill, longest idle first.
 * One pass at a time per app instance: calls made during a pass share the one pass that follows
 * it (lib/routing/single-flight.ts), so a burst of chat starts or Ready agents costs one or two
 * passes rather than one each, each holding a pool connection while it waits for the lock.
 * Resolves with the number of offers that pass made.
 */
export function routeQueued(opts: RouteOptions = {}): Promise<number> {
  return onePass(opts);
}
const onePass = singleFlight<RouteOptions, number>(routePass, (a, b) => ({ announce: a.announce || b.announce }));

async function routePass(opts: RouteOptions): Promise<number> {
  const settings = await getSettings();
  let total = 0;
  for (;;) {
    const { offers, more } = await offerBatch(settings);
    total += offers.length;
    if (offers.length > 0) {
      await broadcast(offers.map((o) => ({ channel: channels.user(o.agentId), name: events.invitation, data: o.invitation })));
    }
    if (!more) break;
  }
  // Places in the queue move only when a chat leaves it; the periodic sweep stays quiet otherwise.
  if (total > 0 || opts.announce) await broadcast(await queuePositionNotices());
  return total;
}

/** At most BATCH offers, in one transaction under the routing lock; `more` when it stopped at the cap. */
async function offerBatch(settings: Awaited<ReturnType<typeof getSettings>>): Promise<{ offers: Offer[]; more: boolean }> {
  return db.$transaction(async (tx) => {
    // One lock for every routing decision, across app instances (step 1 of chat-store.ts's lock
    // order): capacity checks and offers are never interleaved, so no agent is offered more than their capacity.
    await lockRouting(tx);
    let free = await freeSlots(tx);
    const made: Offer[] = [];
    // Oldest first, page by page, so chats nobody can take (a skill with no agent) never hide
    // the ones behind them; stop as soon as no Ready agent has room.
    let cursor: { createdAt: Date; id: string } | null = null;
    for (let page = 0; page < 10 && free > 0 && made.length < BATCH; page++) {
      const queued: QueuedChat[] = await tx.interaction.findMany({
        where: {
          status: 'QUEUED',
          ...(cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {}),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 100,
        select: { id: true, createdAt: true, subject: true, requiredSkillId: true, contactName: true, contact: { select: { name: true } }, queue: { select: { name: true, skillId: true } } },
      });
      if (queued.length === 0) break;
      cursor = queued.at(-1)!;
      for (const chat of queued) {
        if (free <= 0 || made.length >= BATCH) break;
        const expiresAt = new Date(Date.now() + settings.invitationTimeoutSec * 1000);
        const offer = await offerTo(tx, chat, chat.requiredSkillId ?? chat.queue.skillId, settings.rejectCooldownSec, expiresAt);
        if (!offer) continue;
        const { agentId, invitationId } = offer;
        free--;
        made.push({
          agentId,
          invitation: {
            invitationId,
            interactionId: chat.id,
            kind: 'OFFER',
            // The name the contact typed (a matched record's name may be someone else's).
            contactName: chat.contactName || chat.contact.name,
            subject: chat.subject,
            queueName: chat.queue.name,
            expiresAt: expiresAt.toISOString(),
          },
        });
      }
    }
    return { offers: made, more: made.length >= BATCH && free > 0 };
  });
}

/** Open seats over all Ready agents: when none, a routing pass has nothing to do. */
async function freeSlots(tx: Tx): Promise<number> {
  const rows = await tx.$queryRaw<{ free: bigint | null }[]>`
    SELECT sum(GREATEST(u.capacity - ${LOAD_SQL}, 0)) AS free FROM "User" u
    WHERE u.active AND u."agentStatus" = 'READY' AND u.role IN ('AGENT', 'SUPERVISOR')`;
  return Number(rows[0]?.free ?? 0);
}

/**
 * One offer in one statement (under the routing lock, one round trip per chat): the Ready agent
 * with the skill whose open chats plus pending offers are under capacity and who has not just
 * turned this chat down, longest idle first; the chat flips QUEUED → OFFERED only if it is still
 * queued (a contact who ended it meanwhile must not have it re-opened); the invitation is stored
 * and the agent's idle time restarts. Null when nobody can take it or it left the queue.
 */
async function offerTo(
  tx: Tx,
  chat: { id: string; queue: { name: string } },
  skillId: string | null,
  cooldownSec: number,
  expiresAt: Date,
): Promise<{ agentId: string; invitationId: string } | null> {
  const rows = await tx.$queryRaw<{ agentId: string; invitationId: string }[]>`
    WITH agent AS (
      SELECT u.id FROM "User" u
      WHERE u.active AND u."agentStatus" = 'READY' AND u.role IN ('AGENT', 'SUPERVISOR')
        AND (${skillId}::text IS NULL OR EXISTS (SELECT 1 FROM "UserSkill" s WHERE s."userId" = u.id AND s."skillId" = ${skillId}))
        AND NOT EXISTS (
          SELECT 1 FROM "Invitation" r WHERE r."interactionId" = ${chat.id} AND r."targetUserId" = u.id
            AND r.status IN ('REJECTED', 'EXPIRED') AND r."resolvedAt" > now() - make_interval(secs => ${cooldownSec}))
        AND ${LOAD_SQL} < u.capacity
      ORDER BY u."idleSince" ASC, u.id
      LIMIT 1
    ),
    taken AS (
      UPDATE "Interaction" SET status = 'OFFERED'
      WHERE id = ${chat.id} AND status = 'QUEUED' AND EXISTS (SELECT 1 FROM agent)
      RETURNING id
    ),
    inv AS (
      INSERT INTO "Invitation" (id, "interactionId", kind, status, "targetType", "targetRef", "targetUserId", "expiresAt", "createdAt")
      SELECT ${newId()}, taken.id, 'OFFER', 'PENDING', 'QUEUE', ${chat.queue.name}, agent.id,
             ${expiresAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', date_trunc('milliseconds', now() AT TIME ZONE 'UTC')
      FROM taken, agent
      RETURNING id, "targetUserId"
    ),
    idle AS (
      UPDATE "User" SET "idleSince" = date_trunc('milliseconds', now() AT TIME ZONE 'UTC')
      WHERE id = (SELECT "targetUserId" FROM inv)
    )
    SELECT "targetUserId" AS "agentId", id AS "invitationId" FROM inv`;
  return rows[0] ?? null;
}

/** Each waiting contact's place in its queue, so their page can say so (C5). */
async function queuePositionNotices(): Promise<Broadcast[]> {
  const rows = await db.$queryRaw<{ id: string; pos: bigint; lastSeq: number }[]>`
    SELECT id, "lastSeq", row_number() OVER (PARTITION BY "queueId" ORDER BY "createdAt") AS pos
    FROM "Interaction" WHERE status IN ('QUEUED', 'OFFERED') ORDER BY "createdAt" LIMIT 200`;
  return rows.map((r) => ({
    channel: channels.chat(r.id),
    name: events.interaction,
    data: { interactionId: r.id, status: 'QUEUED', lastSeq: r.lastSeq, queuePosition: Number(r.pos) },
  }));
}

export async function queuePosition(interactionId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ pos: bigint }[]>`
    SELECT count(*) AS pos FROM "Interaction" o, "Interaction" me
    WHERE me.id = ${interactionId} AND me.status IN ('QUEUED', 'OFFERED')
      AND o."queueId" = me."queueId" AND o.status IN ('QUEUED', 'OFFERED') AND o."createdAt" <= me."createdAt"`;
  const pos = Number(rows[0]?.pos ?? 0);
  return pos > 0 ? pos : null;
}

/** Kick routing without making the caller wait for it or fail because of it. */
export function routeSoon() {
  routeQueued({ announce: true }).catch((e) => logger.error('routing failed', { error: String(e) }));
}
