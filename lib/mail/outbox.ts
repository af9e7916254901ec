/**
 * The durable mail outbox (issue 18). Sending is two steps so that nothing is lost and nothing
 * is doubled:
 *   1. `queueMail` stores the mail, once per (kind, refId): a retried request finds the row it
 *      stored the first time and stores nothing;
 *   2. `deliverDue` (run by the app's sender loop, lib/mail/sender.ts) claims due mails with
 *      FOR UPDATE SKIP LOCKED (so two instances never take the same one), sends each over SMTP
 *      and records the attempt: sent, retried later with back-off (lib/mail/retry.ts), or
 *      failed for good (a 5xx answer, or the last attempt) with the error kept for the UI.
 * A sender that dies mid-send leaves its claim to expire (LEASE_MS); the mail is then tried
 * again with the same Message-ID, so a receiver can recognise the rare duplicate.
 *
 * Every function takes the Prisma client: access checks belong to the callers (actions).
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db, Tx } from '@/lib/db';
import { nextAttemptDelayMs } from './retry';

type Client = Db | Tx;

export const LEASE_MS = 2 * 60_000;
export const SUBJECT_MAX = 300;
export const BODY_MAX = 500_000;

export type MailState = 'pending' | 'sending' | 'sent' | 'failed';

export const mailInputSchema = z.object({
  to: z.email().max(200),
  subject: z.string().trim().min(1).max(SUBJECT_MAX),
  text: z.string().min(1).max(BODY_MAX),
  html: z.string().min(1).max(BODY_MAX),
  kind: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,39}$/),
  refId: z.string().min(1).max(200),
  locale: z.enum(['en', 'fr-CA']).default('en'),
});
export type MailInput = z.input<typeof mailInputSchema>;

export class MailInputError extends Error {}

/**
 * Stores a mail for delivery, exactly once per (kind, refId). Returns the row's id and whether
 * this call stored it (false: an earlier call did; its content is kept as it was).
 * Bad input throws MailInputError and stores nothing.
 */
export async function queueMail(db: Client, input: MailInput): Promise<{ id: string; created: boolean }> {
  const parsed = mailInputSchema.safeParse(input);
  if (!parsed.success) throw new MailInputError(`mail not queued: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`);
  const m = parsed.data;
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "MailOutbox" ("id", "kind", "refId", "to", "subject", "text", "html", "locale")
    VALUES (${`mail_${crypto.randomUUID()}`}, ${m.kind}, ${m.refId}, ${m.to}, ${m.subject}, ${m.text}, ${m.html}, ${m.locale})
    ON CONFLICT ("kind", "refId") DO NOTHING
    RETURNING "id"`;
  if (rows[0]) {
    notifyQueued();
    return { id: rows[0].id, created: true };
  }
  const row = await db.mailOutbox.findUniqueOrThrow({ where: { kind_refId: { kind: m.kind, refId: m.refId } }, select: { id: true } });
  return { id: row.id, created: false };
}

export interface MailStatus {
  id: string;
  to: string;
  status: MailState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** What a UI shows about a mail: queued, sending, sent, or failed with the last error. */
export async function mailStatus(db: Client, key: { kind: string; refId: string } | { id: string }): Promise<MailStatus | null> {
  const where = 'id' in key ? { id: key.id } : { kind_refId: { kind: key.kind, refId: key.refId } };
  const row = await db.mailOutbox.findUnique({
    where,
    select: { id: true, to: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, sentAt: true, createdAt: true },
  });
  if (!row) return null;
  return { ...row, status: row.status as MailState, nextAttemptAt: row.status === 'pending' || row.status === 'sending' ? row.nextAttemptAt : null };
}

/** The statuses of several mails of one kind at once (e.g. a list page), keyed by refId. */
export async function mailStatuses(db: Client, kind: string, refIds: readonly string[]): Promise<Map<string, MailStatus>> {
  if (refIds.length === 0) return new Map();
  const rows = await db.mailOutbox.findMany({
    where: { kind, refId: { in: [...refIds] } },
    select: { id: true, refId: true, to: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, sentAt: true, createdAt: true },
  });
  return new Map(rows.map(({ refId, ...r }) => [refId, { ...r, status: r.status as MailState }]));
}

/** The part of a nodemailer transport the sender uses (a real SMTP transport in the app and tests). */
export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string; html: string; messageId: string; headers?: Record<string, string> }): Promise<unknown>;
}

interface Claimed {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  refId: string;
  attempts: number;
}

/** An SMTP answer in the 5xx range is final (unknown mailbox, refused): retrying cannot help. */
export function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(err: unknown): string {
  const e = err as { response?: unknown; code?: unknown; message?: unknown };
  const text = typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(err);
  return `${typeof e?.code === 'string' ? `${e.code}: ` : ''}${text}`.slice(0, 1000);
}

/**
 * Claims up to `batch` due mails and sends them one by one. Returns what happened, for logs and
 * tests. `now` is the clock (tests move it forward to reach a retry).
 */
export async function deliverDue(
  db: Db,
  transport: MailTransport,
  opts: { from: string; now?: Date; batch?: number },
): Promise<{ sent: number; retried: number; failed: number }> {
  const now = opts.now ?? new Date();
  const lease = new Date(now.getTime() + LEASE_MS);
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "MailOutbox" SET "status" = 'sending', "lockedUntil" = ${lease}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
     WHERE "id" IN (
       SELECT "id" FROM "MailOutbox"
        WHERE ("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'sending' AND "lockedUntil" < ${now})
        ORDER BY "nextAttemptAt" LIMIT ${opts.batch ?? 20}
        FOR UPDATE SKIP LOCKED)
    RETURNING "id", "to", "subject", "text", "html", "kind", "refId", "attempts"`;
  const result = { sent: 0, retried: 0, failed: 0 };
  const domain = opts.from.match(/@([^>\s]+)/)?.[1] ?? 'localhost';
  for (const m of claimed) {
    try {
      await transport.sendMail({
        from: opts.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: `<${m.id}@${domain}>`,
        headers: { 'X-Chat-Mail-Kind': m.kind },
      });
      // only the claim we hold is completed (a stale sender whose lease expired writes nothing)
      await db.$executeRaw`
        UPDATE "MailOutbox" SET "status" = 'sent', "sentAt" = ${new Date()}, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${new Date()}
         WHERE "id" = ${m.id} AND "status" = 'sending' AND "attempts" = ${m.attempts}`;
      result.sent++;
    } catch (err) {
      const delay = isPermanent(err) ? null : nextAttemptDelayMs(m.attempts);
      const error = describe(err);
      if (delay === null) {
        await db.$executeRaw`
          UPDATE "MailOutbox" SET "status" = 'failed', "lockedUntil" = NULL, "lastError" = ${error}, "updatedAt" = ${now}
           WHERE "id" = ${m.id} AND "status" = 'sending' AND "attempts" = ${m.attempts}`;
        result.failed++;
      } else {
        await db.$executeRaw`
          UPDATE "MailOutbox" SET "status" = 'pending', "lockedUntil" = NULL, "lastError" = ${error},
                 "nextAttemptAt" = ${new Date(now.getTime() + delay)}, "updatedAt" = ${now}
           WHERE "id" = ${m.id} AND "status" = 'sending' AND "attempts" = ${m.attempts}`;
        result.retried++;
      }
    }
  }
  return result;
}

/**
 * Puts a failed mail back in the queue (an agent's "Try again"): attempts start over.
 * Returns false when the mail is not failed (nothing changes).
 */
export async function retryFailedMail(db: Client, id: string): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "MailOutbox" SET "status" = 'pending', "attempts" = 0, "nextAttemptAt" = now(), "updatedAt" = now()
     WHERE "id" = ${id} AND "status" = 'failed'`;
  if (n === 1) notifyQueued();
  return n === 1;
}

// The sender loop (sender.ts) registers here to be woken as soon as a mail is queued, instead of
// waiting for its next poll. Kept on globalThis: route bundles and the server share one loop.
const wake = globalThis as unknown as { chatMailWake?: () => void };
export function onMailQueued(fn: (() => void) | undefined): void {
  wake.chatMailWake = fn;
}
function notifyQueued(): void {
  wake.chatMailWake?.();
}
