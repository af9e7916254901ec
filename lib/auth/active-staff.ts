import 'server-only';
import { hotQuery } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Staff } from '@/lib/access/staff-roles';
import { sessionCurrent } from './session-version';

export interface ActiveStaff extends Staff {
  name: string;
  email: string;
}

export interface StaffAccount extends ActiveStaff {
  active: boolean;
  sessionVersion: number;
}

/** The account row a session is checked against. Raw SQL: every staff request reads it. */
export async function staffAccount(userId: string): Promise<StaffAccount | null> {
  const rows = await hotQuery<StaffAccount>(Prisma.sql`
    SELECT id, role::text AS role, name, email, active, "sessionVersion" FROM "User" WHERE id = ${userId}`);
  return rows[0] ?? null;
}

/**
 * The staff member behind a verified session token, if their account is still active and the
 * token's session version is current (sign-out, password reset, role change and deactivation
 * move it on: lib/auth/session-version.ts).
 */
export function sessionStaff(row: StaffAccount | null, tokenVersion: unknown): ActiveStaff | null {
  if (!row?.active || !sessionCurrent(row.sessionVersion, tokenVersion)) return null;
  return { id: row.id, role: row.role, name: row.name, email: row.email };
}

export async function activeStaff(userId: string, tokenVersion: unknown): Promise<ActiveStaff | null> {
  return sessionStaff(await staffAccount(userId), tokenVersion);
}
