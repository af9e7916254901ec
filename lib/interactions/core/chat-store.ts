// The chat write model's one home: the chat-row lock and the order every writer takes locks in,
// what an append takes and returns, the Message columns, and how a message moves the chat's
// pending-since (A6). Shared by the one-message append (messages.ts), the group commit
// (append-batch.ts) and every transaction that changes a chat.
import type { Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { AttachmentRef, InternalThread, MessageDto, SenderType, SystemEvent, Visibility } from '@/lib/realtime/channels';
import type { InteractionStatus } from './lifecycle';

// ── locks ──────────────────────────────────────────────────────────────────────────────────────
// THE LOCK ORDER. Every transaction that takes more than one of these takes them in this order,
// so no two transactions ever wait on each other in a circle (no deadlocks):
//   1. the routing lock (lockRouting): capacity decisions — routing passes, invitations that pick
//      an agent — are never interleaved;
//   2. chat rows (lockChat), several in id order (the group commit, taking an agent off the floor);
//   3. what hangs off a chat: its invitations, participants, messages, notes and files.
// An append's UPDATE of the chat row is step 2 (it takes the same row lock). A contact's row
// (contact edits, erasure) comes before step 2: erasure locks the contact, then its chats
// (lockChats); nothing locks a contact's row while holding a chat row.

/** pg advisory lock key of routing (step 1 of the lock order). */
export const ROUTING_LOCK = 72_431;

/** Step 1 of the lock order: waits for any routing pass or agent-picking invitation to finish. */
export async function lockRouting(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROUTING_LOCK})`;
}

export interface LockedChat {
  id: string;
  status: InteractionStatus;
  ownerId: string | null;
  contactName: string;
}

/**
 * Step 2 of the lock order: locks one chat row (SELECT … FOR UPDATE) until the transaction ends
 * and returns what writers decide on. Null when there is no such chat.
 */
export async function lockChat(tx: Tx, interactionId: string): Promise<LockedChat | null> {
  const [row] = await tx.$queryRaw<LockedChat[]>`
    SELECT i.id, i.status::text AS status, i."ownerId", i."contactName" FROM "Interaction" i WHERE i.id = ${interactionId} FOR UPDATE OF i`;
  return row ?? null;
}

/** Step 2 for several chats at once: in id order (the database's), as the lock order requires. */
export async function lockChats(tx: Tx, interactionIds: readonly string[]): Promise<void> {
  if (interactionIds.length === 0) return;
  await tx.$queryRaw`SELECT id FROM "Interaction" WHERE id = ANY(${[...interactionIds]}) ORDER BY id FOR UPDATE`;
}

// ── messages ───────────────────────────────────────────────────────────────────────────────────

/** The Message columns an append writes, in the order of its VALUES / SELECT list. */
export const MESSAGE_INSERT_COLUMNS = Prisma.sql`id, "interactionId", visibility, seq, "clientId", kind, "senderType", "senderUserId", "senderName", event, "eventData", text, "createdAt", thread, attachments`;

/** The Message columns read back (enums as text), as RawMessage in message-rows.ts. */
export const MESSAGE_COLUMNS = Prisma.sql`id, "interactionId", visibility::text AS visibility, seq, "clientId", kind::text AS kind,
  "senderType"::text AS "senderType", "senderUserId", "senderName", event, "eventData", text, "createdAt", thread, attachments`;

/** A stored message's time: the statement's, to the millisecond, without zone (= UTC). */
export const MESSAGE_CREATED_AT = Prisma.sql`date_trunc('milliseconds', now() AT TIME ZONE 'UTC')`;

// ── pending-since (A6) ─────────────────────────────────────────────────────────────────────────
// A chat is waiting for an answer from the first contact message after the last agent reply.
// The client keeps a mirror for the transcript it holds (pendingSinceOf in agent-view.ts);
// chat-store.db.test.ts checks the two agree on the same cases.

/** How a message moves pending-since: a contact's text starts the wait ('c'), an agent's reply to the contact ends it ('a'). */
export type PendingKind = 'c' | 'a' | null;

export function pendingKindOf(m: { event?: SystemEvent | null; senderType: SenderType; visibility?: Visibility }): PendingKind {
  if (m.event) return null;
  if (m.senderType === 'CONTACT') return 'c';
  if (m.senderType === 'AGENT' && (m.visibility ?? 'EVERYONE') === 'EVERYONE') return 'a';
  return null;
}

/**
 * The chat's pending-since and first-response time after some messages, in SQL: `lastKind` is the
 * pending kind of the last of them that has one, `replied` whether any is an agent reply, `now`
 * the messages' time. One message or a batch alike: a contact message starts the wait unless one
 * is running (or a reply earlier in the batch ended it: then it starts now); a reply last ends it.
 */
export function pendingSinceAfter(o: { lastKind: Prisma.Sql; replied: Prisma.Sql; pendingSince: Prisma.Sql; firstResponseAt: Prisma.Sql; now?: Prisma.Sql }) {
  const now = o.now ?? Prisma.sql`now()`;
  return {
    pendingSince: Prisma.sql`CASE
          WHEN ${o.lastKind} = 'a' THEN NULL
          WHEN ${o.lastKind} = 'c' AND ${o.replied} THEN ${now}
          WHEN ${o.lastKind} = 'c' THEN COALESCE(${o.pendingSince}, ${now})
          ELSE ${o.pendingSince} END`,
    firstResponseAt: Prisma.sql`CASE WHEN ${o.replied} THEN COALESCE(${o.firstResponseAt}, ${now}) ELSE ${o.firstResponseAt} END`,
  };
}

export interface NewMessage {
  interactionId: string;
  visibility?: Visibility;
  /** For INTERNAL messages: which side conversation (coaching S5, consultation T4). */
  thread?: InternalThread | null;
  clientId?: string | null;
  senderType: SenderType;
  senderUserId?: string | null;
  senderName: string;
  text?: string;
  event?: SystemEvent;
  eventData?: Record<string, string>;
  /** Files sent with the message (lib/attachments/send.ts, inside its transaction). */
  attachments?: AttachmentRef[];
  /** The chat must be in one of these statuses, checked under the same row lock that assigns seq. */
  allowedStatuses: readonly InteractionStatus[];
}

export interface Appended {
  message: MessageDto;
  duplicate: boolean;
}
