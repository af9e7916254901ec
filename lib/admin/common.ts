import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { recordAudit, type AuditEntry } from '@/lib/audit/audit';
import { Prisma } from '@/lib/generated/prisma/client';

export interface Actor {
  id: string;
}

/** A unique index refused the write (a name or email already taken). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

/**
 * One configuration change and its audit row, in one transaction: the row exists exactly when
 * the change committed. `change` answers the audit entry (before/after) along with its result.
 */
export async function auditedChange<T>(actor: Actor, change: (tx: Tx) => Promise<{ result: T; audit: Omit<AuditEntry, 'actorId'> }>): Promise<T> {
  try {
    return await db.$transaction(async (tx) => {
      const { result, audit } = await change(tx);
      await recordAudit(tx, { ...audit, actorId: actor.id });
      return result;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('alreadyExists');
    // A foreign key to a group, skill or queue that does not exist (or no longer does).
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2003') throw new AppError('invalidInput');
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025') throw new AppError('notFound');
    throw e;
  }
}

// Table names are fixed strings from this module, never input.
type Locked = 'User' | 'Group' | 'Skill' | 'Queue' | 'RoutingPoint' | 'DispositionCode' | 'CaseDataField';

/**
 * Locks one row for the rest of the transaction, so two admins editing it at once are applied one
 * after the other (last write wins) and each audit row's "before" is what that write replaced.
 */
export async function lockRow(tx: Tx, table: Locked, id: string): Promise<void> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${table}" WHERE id = $1 FOR UPDATE`, id);
  if (rows.length === 0) throw new AppError('notFound');
}
