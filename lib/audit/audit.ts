import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/db';

/**
 * One audit entry (M6): who did what to which record, with the values before and after.
 * Always called with the transaction that makes the change, so there is an entry exactly when
 * the change committed.
 *
 *   await db.$transaction(async (tx) => {
 *     const before = await tx.group.findUniqueOrThrow({ where: { id } });
 *     const after = await tx.group.update({ where: { id }, data });
 *     await recordAudit(tx, { actorId: user.id, action: 'group.update', target: `group:${id}`, before, after });
 *   });
 */
export interface AuditEntry {
  actorId: string | null;
  /** `<area>.<verb>`, e.g. `settings.update`, `user.create`, `note.delete`, `contact.update`. */
  action: string;
  /** `<kind>:<id>`, e.g. `user:ck…`, `settings:console`. */
  target: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      target: entry.target,
      details: { before: toJson(entry.before), after: toJson(entry.after) } as Prisma.InputJsonValue,
    },
  });
}

/** Dates as ISO strings, undefined as null, and never a password hash. */
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === 'passwordHash' || key === 'secretHash' ? undefined : v)),
  );
}
