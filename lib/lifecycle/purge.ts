import 'server-only';
import { db } from '@/lib/db';
import { recordAudit } from '@/lib/audit/audit';
import { getLifecycleSettings, forgetCachedLifecycleSettings, type LifecycleSettings } from './settings';
import { cutoff, transcriptCutoffs } from './retention';
import { deleteAttachmentsOfInteractions, deleteAttachmentsOlderThan } from '@/lib/attachments/attachments';
import { purgeOfflineMessagesBefore } from '@/lib/widget/offline-messages';

/**
 * Retention purge (issue 22) as a registry of purgers, one per kind of data. A stream that adds a
 * kind of data (attachments, offline messages) registers its purger in a few lines:
 *
 *   registerPurger({ kind: 'attachments', setting: 'keepAttachmentsDays',
 *     count: async (ctx) => …, purgeBatch: async (ctx, limit) => … });
 *
 * and the admin's "Data retention" section shows that kind's field only once it is registered.
 * Each batch is one short statement (at most `limit` rows, rows locked by someone else skipped),
 * so no lock is held for long; the job loops batch after batch until nothing expired is left.
 */
export interface PurgeContext {
  settings: LifecycleSettings;
  now: Date;
}

export interface Purger {
  kind: string;
  /** The setting that holds this kind's days (0 = forever). */
  setting: 'keepTranscriptsDays' | 'keepAuditDays' | 'keepAttachmentsDays' | 'keepOfflineMessagesDays';
  /** How many rows have expired (the dry run). */
  count(ctx: PurgeContext): Promise<number>;
  /** Deletes at most `limit` expired rows; answers how many it deleted. */
  purgeBatch(ctx: PurgeContext, limit: number): Promise<number>;
}

const purgers = new Map<string, Purger>();

export function registerPurger(p: Purger): void {
  purgers.set(p.kind, p);
}

export function registeredPurgers(): Purger[] {
  return [...purgers.values()];
}

/** Finished chats whose queue's cut-off has passed: transcript, notes, case data and report rows go with them. */
async function expiredChats(ctx: PurgeContext, limit: number | null): Promise<{ count: number; ids: string[] }> {
  const queues = await db.queue.findMany({ select: { id: true } });
  const cuts = transcriptCutoffs(ctx.settings, queues.map((q) => q.id), ctx.now);
  if (cuts.length === 0) return { count: 0, ids: [] };
  const queueIds = cuts.map((c) => c.queueId);
  const befores = cuts.map((c) => c.before.toISOString());
  if (limit === null) {
    const rows = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Interaction" i
      JOIN unnest(${queueIds}::text[], ${befores}::timestamptz[]) AS c(qid, before) ON c.qid = i."queueId"
      WHERE i.status = 'DONE' AND COALESCE(i."doneAt", i."endedAt", i."createdAt") < c.before AT TIME ZONE 'UTC'`;
    return { count: Number(rows[0]?.n ?? 0), ids: [] };
  }
  const rows = await db.$queryRaw<{ id: string }[]>`
    DELETE FROM "Interaction" WHERE id IN (
      SELECT i.id FROM "Interaction" i
      JOIN unnest(${queueIds}::text[], ${befores}::timestamptz[]) AS c(qid, before) ON c.qid = i."queueId"
      WHERE i.status = 'DONE' AND COALESCE(i."doneAt", i."endedAt", i."createdAt") < c.before AT TIME ZONE 'UTC'
      LIMIT ${limit} FOR UPDATE OF i SKIP LOCKED)
    RETURNING id`;
  return { count: rows.length, ids: rows.map((r) => r.id) };
}

registerPurger({
  kind: 'transcripts',
  setting: 'keepTranscriptsDays',
  count: async (ctx) => (await expiredChats(ctx, null)).count,
  async purgeBatch(ctx, limit) {
    const { count, ids } = await expiredChats(ctx, limit);
    // The files of those chats go with them (rows, and bytes no other row refers to).
    if (ids.length > 0) await deleteAttachmentsOfInteractions(ids);
    return count;
  },
});

/**
 * A kind kept by age alone: rows created before its setting's cut-off expire. `count` and
 * `purge` get the cut-off; with 0 days (forever) neither runs.
 */
function registerByAge(
  kind: string,
  setting: Purger['setting'],
  count: (before: Date) => Promise<number>,
  purge: (before: Date, limit: number) => Promise<number>,
): void {
  registerPurger({
    kind,
    setting,
    count: async (ctx) => {
      const before = cutoff(ctx.now, ctx.settings[setting]);
      return before ? count(before) : 0;
    },
    purgeBatch: async (ctx, limit) => {
      const before = cutoff(ctx.now, ctx.settings[setting]);
      return before ? purge(before, limit) : 0;
    },
  });
}

registerByAge(
  'attachments',
  'keepAttachmentsDays',
  (before) => db.attachment.count({ where: { createdAt: { lt: before } } }),
  // deleteAttachmentsOlderThan works through every batch itself (rows and bytes).
  async (before) => (await deleteAttachmentsOlderThan(before)).rows,
);

registerByAge(
  'offlineMessages',
  'keepOfflineMessagesDays',
  (before) => db.offlineMessage.count({ where: { createdAt: { lt: before } } }),
  (before, limit) => purgeOfflineMessagesBefore(db, before, limit),
);

registerByAge(
  'auditLog',
  'keepAuditDays',
  (before) => db.auditLog.count({ where: { createdAt: { lt: before } } }),
  (before, limit) => db.$executeRaw`
    DELETE FROM "AuditLog" WHERE id IN (
      SELECT id FROM "AuditLog" WHERE "createdAt" < ${before.toISOString()}::timestamptz AT TIME ZONE 'UTC'
      ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
);

export const PURGE_BATCH = 500;

/** What would go now, per kind (the dry run). */
export async function purgeDryRun(now = new Date()): Promise<Record<string, number>> {
  const ctx = { settings: await getLifecycleSettings(), now };
  const out: Record<string, number> = {};
  for (const p of registeredPurgers()) out[p.kind] = await p.count(ctx);
  return out;
}

/**
 * Deletes everything expired, batch by batch, and writes ONE audit row with the counts (never
 * content). `batchSize` is for tests.
 */
export async function purgeNow(opts: { actorId: string | null; now?: Date; batchSize?: number }): Promise<Record<string, number>> {
  forgetCachedLifecycleSettings();
  const ctx = { settings: await getLifecycleSettings(), now: opts.now ?? new Date() };
  const limit = opts.batchSize ?? PURGE_BATCH;
  const counts: Record<string, number> = {};
  let batches = 0;
  for (const p of registeredPurgers()) {
    counts[p.kind] = 0;
    for (;;) {
      const n = await p.purgeBatch(ctx, limit);
      batches++;
      counts[p.kind] += n;
      if (n < limit) break;
    }
  }
  await db.$transaction((tx) =>
    recordAudit(tx, { actorId: opts.actorId, action: 'retention.purge', target: 'retention:run', after: { counts, batches } }),
  );
  return counts;
}

const JOB_KEY = 'lifecycle.purge';
export const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * The scheduled run: due at most once per interval across every app instance. The claim is one
 * conditional UPDATE of the job's row (as the invitation sweep claims an invitation): of two
 * instances that see the run due, only the one whose UPDATE matched runs it.
 */
export async function runScheduledPurge(opts: { now?: Date; batchSize?: number; everyMs?: number } = {}): Promise<Record<string, number> | null> {
  const now = opts.now ?? new Date();
  const next = new Date(now.getTime() + (opts.everyMs ?? PURGE_EVERY_MS));
  await db.$executeRaw`
    INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${JOB_KEY}, jsonb_build_object('nextRunAt', '1970-01-01T00:00:00Z'), now())
    ON CONFLICT (key) DO NOTHING`;
  const claimed = await db.$executeRaw`
    UPDATE "Setting" SET value = jsonb_build_object('nextRunAt', ${next.toISOString()}::text), "updatedAt" = now()
    WHERE key = ${JOB_KEY} AND (value->>'nextRunAt')::timestamptz <= ${now.toISOString()}::timestamptz`;
  if (claimed !== 1) return null;
  return purgeNow({ actorId: null, now, batchSize: opts.batchSize });
}
