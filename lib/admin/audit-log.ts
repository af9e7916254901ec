import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { auditChangesText, toCsv } from './audit-diff';
import type { AuditFilter } from './schemas';

export const AUDIT_PAGE_SIZE = 50;
const CSV_MAX_ROWS = 10_000;

function where(f: AuditFilter): Prisma.AuditLogWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (f.from) createdAt.gte = new Date(`${f.from}T00:00:00.000Z`);
  if (f.to) createdAt.lt = new Date(new Date(`${f.to}T00:00:00.000Z`).getTime() + 24 * 3600 * 1000);
  return {
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.target ? { target: { contains: f.target, mode: 'insensitive' } } : {}),
    ...(f.from || f.to ? { createdAt } : {}),
  };
}

const select = { id: true, action: true, target: true, details: true, createdAt: true, actor: { select: { name: true, email: true } } } as const;

/** One page of the audit log, newest first, with the people who appear in it (for the filter). */
export async function listAudit(f: AuditFilter) {
  const page = f.page ?? 1;
  const [rows, total, actors] = await Promise.all([
    db.auditLog.findMany({ where: where(f), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, select }),
    db.auditLog.count({ where: where(f) }),
    db.user.findMany({ where: { auditEntries: { some: {} } }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } }),
  ]);
  return {
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    actors,
    rows: rows.map((r) => ({ id: r.id, action: r.action, target: r.target, details: r.details, createdAt: r.createdAt.toISOString(), actor: r.actor })),
  };
}
export type AuditPage = Awaited<ReturnType<typeof listAudit>>;

/** The filtered log as CSV (newest first, at most 10,000 rows). */
export async function auditCsv(f: AuditFilter): Promise<string> {
  const rows = await db.auditLog.findMany({ where: where(f), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: CSV_MAX_ROWS, select });
  const d = (v: unknown, k: 'before' | 'after') => {
    const x = (v as Record<string, unknown> | null)?.[k];
    return x === null || x === undefined ? '' : JSON.stringify(x);
  };
  return toCsv([
    ['time', 'actor', 'actor_email', 'action', 'target', 'changes', 'before', 'after'],
    ...rows.map((r) => [r.createdAt.toISOString(), r.actor?.name ?? '', r.actor?.email ?? '', r.action, r.target, auditChangesText(r.details), d(r.details, 'before'), d(r.details, 'after')]),
  ]);
}
