import 'server-only';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { broadcast, type Broadcast } from '@/lib/realtime/server';
import { channels, events, type InvitationEvent } from '@/lib/realtime/channels';
import { getSettings } from '@/lib/settings/settings';
import { logger } from '@/lib/log';
import { lockRouting } from '@/lib/interactions/chat-store';
import { LIVE_MEMBERS, sqlRoleList } from '@/lib/access/participant-roles';

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

/** Offers queued chats to Ready agents with free capacity and the skill, longest idle first. */
export async function routeQueued(opts: { announce?: boolean } = {}): Promise<number> {
  const settings = await getSettings();
  const offers = await db.$transaction(async (tx) => {
    // One lock for every routing decision, across app instances (step 1 of chat-store.ts's lock
    // order): capacity checks and offers are never interleaved, so no agent is offered more than their capacity.
    await lockRouting(tx);
    let free = await freeSlots(tx);
    const made: Offer[] = [];
    // Oldest first, page by page, so chats nobody can take (a skill with no agent) never hide
    // the ones behind them; stop as soon as no Ready agent has room.
    let cursor: { createdAt: Date; id: string } | null = null;
    for (let page = 0; page < 10 && free > 0; page++) {
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
        if (free <= 0) break;
        const agentId = await pickAgent(tx, chat.id, chat.requiredSkillId ?? chat.queue.skillId, settings.rejectCooldownSec);
        if (!agentId) continue;
        // Conditional: a contact who ended the chat meanwhile must not have it re-opened.
        const taken = await tx.interaction.updateMany({ where: { id: chat.id, status: 'QUEUED' }, data: { status: 'OFFERED' } });
        if (taken.count === 0) continue;
        const expiresAt = new Date(Date.now() + settings.invitationTimeoutSec * 1000);
        const inv = await tx.invitation.create({
          data: { interactionId: chat.id, kind: 'OFFER', targetUserId: agentId, targetType: 'QUEUE', targetRef: chat.queue.name, expiresAt },
        });
        await tx.user.update({ where: { id: agentId }, data: { idleSince: new Date() } });
        free--;
        made.push({
          agentId,
          invitation: {
            invitationId: inv.id,
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
    return made;
  });
  const notices: Broadcast[] = offers.map((o) => ({ channel: channels.user(o.agentId), name: events.invitation, data: o.invitation }));
  // Places in the queue move only when a chat leaves it; the periodic sweep stays quiet otherwise.
  if (offers.length > 0 || opts.announce) notices.push(...(await queuePositionNotices()));
  await broadcast(notices);
  return offers.length;
}

/** Open seats over all Ready agents: when none, a routing pass has nothing to do. */
async function freeSlots(tx: Tx): Promise<number> {
  const rows = await tx.$queryRaw<{ free: bigint | null }[]>`
    SELECT sum(GREATEST(u.capacity - ${LOAD_SQL}, 0)) AS free FROM "User" u
    WHERE u.active AND u."agentStatus" = 'READY' AND u.role IN ('AGENT', 'SUPERVISOR')`;
  return Number(rows[0]?.free ?? 0);
}

/**
 * A Ready agent with the skill whose open chats plus pending offers are under capacity and who
 * has not just turned this chat down; longest idle first.
 */
async function pickAgent(tx: Tx, interactionId: string, skillId: string | null, cooldownSec: number): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT u.id FROM "User" u
    WHERE u.active AND u."agentStatus" = 'READY' AND u.role IN ('AGENT', 'SUPERVISOR')
      AND (${skillId}::text IS NULL OR EXISTS (SELECT 1 FROM "UserSkill" s WHERE s."userId" = u.id AND s."skillId" = ${skillId}))
      AND NOT EXISTS (
        SELECT 1 FROM "Invitation" r WHERE r."interactionId" = ${interactionId} AND r."targetUserId" = u.id
          AND r.status IN ('REJECTED', 'EXPIRED') AND r."resolvedAt" > now() - make_interval(secs => ${cooldownSec}))
      AND ${LOAD_SQL} < u.capacity
    ORDER BY u."idleSince" ASC, u.id
    LIMIT 1`;
  return rows[0]?.id ?? null;
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
