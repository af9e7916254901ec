import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { db, hotQuery } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import type { InteractionStatus } from './lifecycle';

export type StaffRole = 'AGENT' | 'SUPERVISOR' | 'ADMIN';
export interface Staff {
  id: string;
  role: StaffRole;
}

export function newChatSecret() {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex');
}

interface ContactChatRow {
  id: string;
  secretHash: string;
  status: InteractionStatus;
  contactId: string;
  lastSeq: number;
  /** What the contact typed when starting this chat (never the linked record's name). */
  contactName: string;
}

/**
 * The contact's key to one chat: the secret must hash to that chat's stored hash. Plain pg on
 * Prisma's pool (hotQuery): this runs on every contact request.
 */
export async function requireContact(interactionId: string, secret: string | null | undefined): Promise<ContactChatRow> {
  if (!secret || secret.length > 200) throw new AppError('unauthorized');
  const rows = await hotQuery<ContactChatRow>(Prisma.sql`
    SELECT i.id, i."secretHash", i.status::text AS status, i."contactId", i."lastSeq", i."contactName"
    FROM "Interaction" i WHERE i.id = ${interactionId}`);
  return checkSecret(rows[0] ?? null, secret);
}

function checkSecret<T extends { secretHash: string }>(row: T | null, secret: string): T {
  const given = Buffer.from(hashSecret(secret), 'hex');
  // Compare in constant time even for an unknown id, so probing ids tells nothing.
  const stored = Buffer.from(row?.secretHash ?? '0'.repeat(64), 'hex');
  if (!row || !timingSafeEqual(given, stored)) throw new AppError('unauthorized');
  return row;
}

export type Access = 'owner' | 'participant' | 'supervisor';

/**
 * What a staff member may do with one chat: its current owner and conference participants act;
 * supervisors read; everyone else gets nothing (not even confirmation that it exists).
 */
export async function staffAccess(user: Staff, interactionId: string): Promise<Access | null> {
  if (user.role === 'SUPERVISOR') {
    const exists = await db.interaction.count({ where: { id: interactionId } });
    if (!exists) return null;
  }
  const p = await db.participant.findFirst({
    where: { interactionId, userId: user.id, leftAt: null, role: { in: ['OWNER', 'CONFERENCE'] } },
    select: { role: true },
  });
  if (p) return p.role === 'OWNER' ? 'owner' : 'participant';
  return user.role === 'SUPERVISOR' ? 'supervisor' : null;
}

export async function requireStaffAccess(user: Staff, interactionId: string, need: 'read' | 'act' | 'own'): Promise<Access> {
  const access = await staffAccess(user, interactionId);
  const ok =
    access !== null &&
    (need === 'read' || (need === 'act' && access !== 'supervisor') || (need === 'own' && access === 'owner'));
  if (!ok) throw new AppError(access ? 'forbidden' : 'notFound');
  return access;
}

/** The participant roles that let a staff member of this role write to a chat: supervision rows only for supervisors. */
export function actingRoles(role: StaffRole): string[] {
  return role === 'SUPERVISOR' ? ['OWNER', 'CONFERENCE', 'BARGE_IN'] : ['OWNER', 'CONFERENCE'];
}

/**
 * The caller's live part in a chat they may write to (its agents, or a supervisor who barged in, S6), with the name they write under (fixed when
 * they joined, so the contact sees one name throughout). One query: this is the send path.
 */
export async function requireActingParticipant(user: Staff, interactionId: string): Promise<{ displayName: string }> {
  // A BARGE_IN row counts only while its holder is still a supervisor (security round 2, defect 6).
  const roles = actingRoles(user.role);
  const rows = await hotQuery<{ displayName: string }>(Prisma.sql`
    SELECT "displayName" FROM "Participant"
    WHERE "interactionId" = ${interactionId} AND "userId" = ${user.id} AND "leftAt" IS NULL AND role::text IN (${Prisma.join(roles)})
    LIMIT 1`);
  if (rows[0]) return rows[0];
  const visible = user.role === 'SUPERVISOR' && (await db.interaction.count({ where: { id: interactionId } })) > 0;
  throw new AppError(visible ? 'forbidden' : 'notFound');
}
