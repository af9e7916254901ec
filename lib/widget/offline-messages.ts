/**
 * Offline messages' data layer (issue 18). Every function takes the Prisma client (or a
 * transaction) so the data-lifecycle stream can call the purge and erase functions from its own
 * jobs; access checks belong to the callers (actions), as elsewhere in lib/.
 */
import type { Db, Tx } from '@/lib/db';

type Client = Db | Tx;

export interface OfflineMessageInput {
  clientKey: string;
  queueId: string;
  contactId?: string | null;
  name: string;
  email: string;
  body: string;
  locale?: string;
}

/** Stores the message once per clientKey: a retried send returns the row already stored. */
export async function storeOfflineMessage(db: Client, input: OfflineMessageInput): Promise<{ id: string; created: boolean }> {
  const existing = await db.offlineMessage.findUnique({ where: { clientKey: input.clientKey }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "OfflineMessage" ("id", "clientKey", "queueId", "contactId", "name", "email", "body", "locale")
    VALUES (${`om_${crypto.randomUUID()}`}, ${input.clientKey}, ${input.queueId}, ${input.contactId ?? null}, ${input.name}, ${input.email}, ${input.body}, ${input.locale ?? 'en'})
    ON CONFLICT ("clientKey") DO NOTHING
    RETURNING "id"`;
  if (rows[0]) return { id: rows[0].id, created: true };
  // a concurrent retry won the race
  const row = await db.offlineMessage.findUniqueOrThrow({ where: { clientKey: input.clientKey }, select: { id: true } });
  return { id: row.id, created: false };
}

/**
 * Retention: deletes offline messages created before `before`, `batchSize` rows per statement so
 * a large purge never holds long locks. Returns how many were deleted.
 */
export async function purgeOfflineMessagesBefore(db: Db, before: Date, batchSize = 500): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  let total = 0;
  for (;;) {
    const batch = await db.offlineMessage.findMany({ where: { createdAt: { lt: before } }, select: { id: true }, take: batchSize, orderBy: { createdAt: 'asc' } });
    if (batch.length === 0) return total;
    const { count } = await db.offlineMessage.deleteMany({ where: { id: { in: batch.map((b) => b.id) } } });
    total += count;
    if (batch.length < batchSize) return total;
  }
}

/** Erasure: deletes a contact's offline messages, by contact id and by the emails given. */
export async function eraseContactOfflineMessages(db: Client, contact: { contactId: string; emails?: string[] }): Promise<number> {
  const emails = (contact.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean);
  const { count } = await db.offlineMessage.deleteMany({
    where: { OR: [{ contactId: contact.contactId }, ...emails.map((email) => ({ email: { equals: email, mode: 'insensitive' as const } }))] },
  });
  return count;
}
