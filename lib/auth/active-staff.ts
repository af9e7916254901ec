import 'server-only';
import { hotQuery } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Staff } from '@/lib/interactions/access';

export interface ActiveStaff extends Staff {
  name: string;
  email: string;
}

/**
 * The staff member behind a verified session, if their account is still active. Raw SQL: every
 * staff request checks this, and a raw query skips Prisma's per-call query compilation.
 */
export async function activeStaff(userId: string): Promise<ActiveStaff | null> {
  const rows = await hotQuery<ActiveStaff & { active: boolean }>(Prisma.sql`
    SELECT id, role::text AS role, name, email, active FROM "User" WHERE id = ${userId}`);
  const row = rows[0];
  return row?.active ? { id: row.id, role: row.role, name: row.name, email: row.email } : null;
}
