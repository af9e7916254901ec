/**
 * Estimated wait from stored data (issue 18): the queue's chats accepted in the last hour, the
 * contact's place in the queue and the Ready agents who could take the chat, fed to the pure
 * rule in estimated-wait.ts. Plain reads; the same numbers on every app instance.
 */
import type { Db, Tx } from '@/lib/db';
import { estimateWait, recentWaits, WINDOW_MS, type WaitEstimate } from './estimated-wait';

type Client = Db | Tx;

const d = (v: Date | string) => (v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? '' : 'Z'}`));

/** Queue → its chats accepted in the hour before `now` (queued = created, accepted). */
async function acceptedHistory(db: Client, now: Date, queueId?: string): Promise<Map<string, { queuedAt: Date; acceptedAt: Date }[]>> {
  const from = new Date(now.getTime() - WINDOW_MS);
  const rows = await db.$queryRaw<{ queueId: string; createdAt: Date | string; acceptedAt: Date | string }[]>`
    SELECT "queueId", "createdAt", "acceptedAt" FROM "Interaction"
     WHERE "acceptedAt" >= ${from} AND "acceptedAt" <= ${now} AND (${queueId ?? null}::text IS NULL OR "queueId" = ${queueId ?? null})`;
  const out = new Map<string, { queuedAt: Date; acceptedAt: Date }[]>();
  for (const r of rows) {
    const list = out.get(r.queueId) ?? [];
    list.push({ queuedAt: d(r.createdAt), acceptedAt: d(r.acceptedAt) });
    out.set(r.queueId, list);
  }
  return out;
}

/** Ready agents (and supervisors) who could be offered a chat needing `skillId` (any, when null). */
async function readyAgents(db: Client, skillId: string | null): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "User" u
     WHERE u.active AND u."agentStatus" = 'READY' AND u.role IN ('AGENT', 'SUPERVISOR')
       AND (${skillId}::text IS NULL OR EXISTS (SELECT 1 FROM "UserSkill" s WHERE s."userId" = u.id AND s."skillId" = ${skillId}))`;
  return rows[0]?.n ?? 0;
}

export interface ChatWait {
  /** 1 = next; null once the chat is no longer waiting. */
  position: number | null;
  estimate: WaitEstimate | null;
}

/** What a waiting contact is told: their position and the estimate for it. */
export async function chatWaitEstimate(db: Client, chatId: string, now = new Date()): Promise<ChatWait> {
  const [me] = await db.$queryRaw<{ queueId: string; requiredSkillId: string | null; position: number }[]>`
    SELECT me."queueId", me."requiredSkillId",
           (SELECT count(*)::int FROM "Interaction" o WHERE o."queueId" = me."queueId" AND o.status IN ('QUEUED', 'OFFERED') AND o."createdAt" <= me."createdAt") AS position
      FROM "Interaction" me WHERE me.id = ${chatId} AND me.status IN ('QUEUED', 'OFFERED')`;
  if (!me) return { position: null, estimate: null };
  const [history, ready] = await Promise.all([acceptedHistory(db, now, me.queueId), readyAgents(db, me.requiredSkillId)]);
  const waits = recentWaits(history.get(me.queueId) ?? [], now);
  return { position: me.position, estimate: estimateWait({ recentWaitsMs: waits, position: me.position, readyAgents: ready }) };
}

/**
 * The supervisors' board: per queue, the estimate a contact joining now would be told
 * (position = contacts waiting + 1), with the queue's skill deciding which Ready agents count.
 */
export async function queueWaitEstimates(db: Client, now = new Date()): Promise<Record<string, WaitEstimate>> {
  const [queues, waiting, history] = await Promise.all([
    db.queue.findMany({ select: { id: true, skillId: true } }),
    db.$queryRaw<{ queueId: string; n: number }[]>`SELECT "queueId", count(*)::int AS n FROM "Interaction" WHERE status IN ('QUEUED', 'OFFERED') GROUP BY "queueId"`,
    acceptedHistory(db, now),
  ]);
  const waitingBy = new Map(waiting.map((w) => [w.queueId, w.n]));
  const out: Record<string, WaitEstimate> = {};
  for (const q of queues) {
    out[q.id] = estimateWait({
      recentWaitsMs: recentWaits(history.get(q.id) ?? [], now),
      position: (waitingBy.get(q.id) ?? 0) + 1,
      readyAgents: await readyAgents(db, q.skillId),
    });
  }
  return out;
}
