import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { db, hotQuery } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { TtlCache } from '@/lib/cache/ttl-cache';
import { isOpen, type InteractionStatus } from './lifecycle';
import { LIVE_MEMBERS, WRITERS, sqlRoleList } from '@/lib/access/participant-roles';
import type { ParticipantRole } from '@/lib/generated/prisma/enums';
import { chatRefusal, type Access, type ChatNeed } from '@/lib/access/chat-access';
import type { Staff, StaffRole } from '@/lib/access/staff-roles';

// The access vocabulary lives in lib/access/; these names are re-exported for the chat code that
// imports them from here.
export type { Access, ChatNeed, Staff, StaffRole };

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

/** What a contact's send needs of its chat; none of it changes while the chat is open. */
export interface ContactKey {
  id: string;
  secretHash: string;
  contactName: string;
}

// One per process (the fast lane and Next's bundle load this module separately, and an end in
// one must reach the other's cache). 30 s and 20,000 chats at most.
const globalForKeys = globalThis as unknown as { contactKeys?: TtlCache<string, ContactKey> };
function contactKeys(): TtlCache<string, ContactKey> {
  globalForKeys.contactKeys ??= new TtlCache<string, ContactKey>(20_000, 30_000);
  return globalForKeys.contactKeys;
}

/**
 * The contact's key for a send: as requireContact, from a bounded cache of open chats, so a send
 * costs no lookup of its chat. Nothing the cache could hold stale decides anything: whether the
 * chat still takes messages is checked under the row lock that assigns seq (CONTACT_SEND_STATUSES),
 * and the end of a chat forgets its key (forgetContactKey) on this instance at once.
 */
export async function requireContactKey(interactionId: string, secret: string | null | undefined): Promise<ContactKey> {
  if (!secret || secret.length > 200) throw new AppError('unauthorized');
  const cache = contactKeys();
  let key: ContactKey | null = cache.get(interactionId) ?? null;
  if (!key) {
    const rows = await hotQuery<ContactKey & { status: InteractionStatus }>(Prisma.sql`
      SELECT i.id, i."secretHash", i."contactName", i.status::text AS status FROM "Interaction" i WHERE i.id = ${interactionId}`);
    const row = rows[0];
    key = row ? { id: row.id, secretHash: row.secretHash, contactName: row.contactName } : null;
    if (row && isOpen(row.status)) cache.set(interactionId, key!);
  }
  return checkSecret(key, secret);
}

/** Whether this instance holds the chat's key (for tests). */
export function contactKeyCached(interactionId: string): boolean {
  return contactKeys().get(interactionId) !== undefined;
}

/** The chat ended (or its contact was erased): its key is looked up again next time. */
export function forgetContactKey(interactionId: string): void {
  contactKeys().delete(interactionId);
}

function checkSecret<T extends { secretHash: string }>(row: T | null, secret: string): T {
  const given = Buffer.from(hashSecret(secret), 'hex');
  // Compare in constant time even for an unknown id, so probing ids tells nothing.
  const stored = Buffer.from(row?.secretHash ?? '0'.repeat(64), 'hex');
  if (!row || !timingSafeEqual(given, stored)) throw new AppError('unauthorized');
  return row;
}

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
    where: { interactionId, userId: user.id, leftAt: null, role: { in: [...LIVE_MEMBERS] } },
    select: { role: true },
  });
  if (p) return p.role === 'OWNER' ? 'owner' : 'participant';
  return user.role === 'SUPERVISOR' ? 'supervisor' : null;
}

/** The caller's access to the chat if it allows `need` (lib/access/chat-access.ts), else notFound / forbidden. */
export async function requireStaffAccess(user: Staff, interactionId: string, need: ChatNeed): Promise<Access> {
  const access = await staffAccess(user, interactionId);
  const refusal = chatRefusal(access, need);
  if (refusal) throw new AppError(refusal);
  return access!;
}

/** The participant roles that let a staff member of this role write to a chat: supervision rows only for supervisors. */
export function actingRoles(role: StaffRole): readonly ParticipantRole[] {
  return role === 'SUPERVISOR' ? WRITERS : LIVE_MEMBERS;
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
    WHERE "interactionId" = ${interactionId} AND "userId" = ${user.id} AND "leftAt" IS NULL AND role IN (${Prisma.raw(sqlRoleList(roles))})
    LIMIT 1`);
  if (rows[0]) return rows[0];
  const visible = user.role === 'SUPERVISOR' && (await db.interaction.count({ where: { id: interactionId } })) > 0;
  throw new AppError(visible ? 'forbidden' : 'notFound');
}
