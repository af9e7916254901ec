import 'server-only';
import { createHash } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { AttachmentRef } from '@/lib/realtime/channels';
import { lockChat, type Appended, type NewMessage } from '@/lib/interactions/core/chat-store';
import { appendMessage } from '@/lib/interactions/core/messages';
import { UploadBudgets } from './budgets';
import { SharedUploadBudgets } from './shared-budgets';
import { decideFile } from './content-type';
import { safeFileName, type Refusal } from './limits';
import { scanFile } from './scan';
import { attachmentPolicy } from './settings';
import { fileStore } from './store-env';
import type { FileStore } from './store';

/** A refused file: `reason` picks the message both languages show (attachments.refused.<reason>). */
export class FileRefused extends AppError {
  constructor(readonly reason: Refusal | 'scan' | 'chatBudget' | 'addressBudget' | 'busy') {
    super(reason === 'busy' ? 'rateLimited' : 'invalidInput', `file refused: ${reason}`);
  }
}

export type Uploader = { type: 'CONTACT' } | { type: 'AGENT'; userId: string };

let budgets: UploadBudgets | null = null;
function uploadBudgets() {
  budgets ??= new UploadBudgets({ inFlight: env.ATTACHMENT_UPLOADS_IN_FLIGHT });
  return budgets;
}
let shared: SharedUploadBudgets | null = null;
function sharedBudgets() {
  shared ??= new SharedUploadBudgets({
    inFlightPerAddress: env.ATTACHMENT_UPLOADS_IN_FLIGHT_PER_ADDRESS,
    bytesPerAddressPerHour: env.ATTACHMENT_ADDRESS_BUDGET_MB_PER_HOUR * 1024 * 1024,
  });
  return shared;
}

/**
 * A slot for one upload in flight: one of this instance's (memory) and one of the address's,
 * shared by every instance (PostgreSQL); refused (`busy`) when either has none left.
 */
export async function beginUpload(address: string): Promise<() => void> {
  const slot = uploadBudgets().begin();
  if ('refused' in slot) throw new FileRefused('busy');
  try {
    const mine = await sharedBudgets().begin(address);
    if ('refused' in mine) throw new FileRefused('busy');
    return () => {
      slot.release();
      void mine.release();
    };
  } catch (e) {
    slot.release();
    throw e;
  }
}

const toRef = (r: { id: string; name: string; size: number; mime: string }): AttachmentRef => ({ id: r.id, name: r.name, size: r.size, type: r.mime });

/** Serialises work on one stored key (upload vs. collection of the same content). */
async function lockKey(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`file:${key}`}))`;
}

/**
 * Stores one uploaded file, not yet part of any message (it becomes visible only when a message
 * carrying it commits, sendWithAttachments). Idempotent under the uploader's clientId: a retry
 * returns the stored file and stores nothing new. The type comes from the bytes; a refused file
 * stores nothing. The row is written before the bytes (so a crash leaves a row the collector
 * removes, never bytes nobody knows of), and the bytes are durable when this returns.
 */
export async function uploadAttachment(opts: {
  interactionId: string;
  uploader: Uploader;
  clientId: string;
  name: string;
  bytes: Uint8Array;
  address: string;
  store?: FileStore;
}): Promise<AttachmentRef> {
  const store = opts.store ?? fileStore();
  const prior = await db.attachment.findUnique({ where: { interactionId_clientId: { interactionId: opts.interactionId, clientId: opts.clientId } } });
  if (prior) {
    if (prior.uploaderType !== opts.uploader.type || prior.uploaderUserId !== uploaderUserId(opts.uploader)) throw new AppError('conflict', 'clientId already used');
    return toRef(prior);
  }
  const policy = await attachmentPolicy();
  const decision = await decideFile(policy, opts.bytes, opts.uploader.type === 'CONTACT');
  if ('refusal' in decision) throw new FileRefused(decision.refusal);
  const size = opts.bytes.byteLength;
  const [{ used }] = await db.$queryRaw<{ used: bigint | null }[]>`SELECT COALESCE(SUM(size), 0)::bigint AS used FROM "Attachment" WHERE "interactionId" = ${opts.interactionId}`;
  if (Number(used ?? 0) + size > env.ATTACHMENT_CHAT_BUDGET_MB * 1024 * 1024) throw new FileRefused('chatBudget');
  // Shared by every instance: two instances together stay within the address's hourly budget.
  if (!(await sharedBudgets().spend(opts.address, size))) throw new FileRefused('addressBudget');
  if (!(await scanFile(opts.bytes))) throw new FileRefused('scan');
  const key = createHash('sha256').update(opts.bytes).digest('hex');
  let row;
  try {
    row = await db.$transaction(async (tx) => {
      await lockKey(tx, key);
      return tx.attachment.create({
        data: {
          interactionId: opts.interactionId,
          clientId: opts.clientId,
          uploaderType: opts.uploader.type,
          uploaderUserId: uploaderUserId(opts.uploader),
          storageKey: key,
          name: safeFileName(opts.name),
          size,
          mime: decision.mime,
        },
      });
    });
  } catch (e) {
    // Two uploads with one client id raced: the other one's file is the answer.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      const other = await db.attachment.findUnique({ where: { interactionId_clientId: { interactionId: opts.interactionId, clientId: opts.clientId } } });
      if (other) return toRef(other);
    }
    throw e;
  }
  try {
    await store.put(key, opts.bytes);
  } catch (e) {
    await db.attachment.deleteMany({ where: { id: row.id, messageId: null } });
    throw e;
  }
  return toRef(row);
}

function uploaderUserId(u: Uploader): string | null {
  return u.type === 'AGENT' ? u.userId : null;
}

/**
 * Appends a message carrying uploaded files, in one transaction: the files must be this chat's,
 * uploaded by this sender and not yet sent; they are claimed by the message as it is stored with
 * its seq. A retry under the same client id returns the stored message (nothing claimed twice).
 * The caller broadcasts after this returns (store first, then broadcast).
 */
export async function sendWithAttachments(input: NewMessage & { clientId: string }, attachmentIds: string[], uploader: Uploader): Promise<Appended> {
  const ids = [...new Set(attachmentIds)];
  return db.$transaction(async (tx) => {
    // The lock order (chat-store.ts): the chat row first, then what hangs off it (its files).
    await lockChat(tx, input.interactionId);
    const rows = await tx.$queryRaw<{ id: string; name: string; size: number; mime: string; messageId: string | null; uploaderType: string; uploaderUserId: string | null }[]>`
      SELECT id, name, size, mime, "messageId", "uploaderType"::text AS "uploaderType", "uploaderUserId" FROM "Attachment"
      WHERE id = ANY(${ids}) AND "interactionId" = ${input.interactionId} FOR UPDATE`;
    // A retry: appendMessage finds the stored copy by client id before inserting anything.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const mine = ids.map((id) => byId.get(id)).filter((r) => r && r.uploaderType === uploader.type && r.uploaderUserId === uploaderUserId(uploader));
    if (mine.length !== ids.length) throw new AppError('invalidInput', 'unknown attachment');
    const free = mine.every((r) => r!.messageId === null);
    const refs = ids.map((id) => toRef(byId.get(id)!));
    const appended = await appendMessage({ ...input, attachments: refs }, tx);
    if (appended.duplicate) return appended;
    if (!free) throw new AppError('invalidInput', 'attachment already sent');
    await tx.$executeRaw`UPDATE "Attachment" SET "messageId" = ${appended.message.id} WHERE id = ANY(${ids})`;
    return appended;
  });
}

export interface StoredFile {
  name: string;
  size: number;
  mime: string;
  bytes: Uint8Array;
}

/**
 * One sent file of a chat, for a reader the caller has already admitted to that chat. `contact`
 * readers get only files of messages on the contact's stream: an internal (coaching,
 * consultation) file does not exist for them. A `consultant` (the agent consulted on the chat,
 * T4, who does not get the chat itself) gets only the consultation thread's files. Unsent
 * (half-done) uploads exist for nobody.
 */
export async function readAttachment(opts: { interactionId: string; fileId: string; reader: 'contact' | 'staff' | 'consultant'; store?: FileStore }): Promise<StoredFile> {
  const rows = await db.$queryRaw<{ name: string; size: number; mime: string; storageKey: string }[]>`
    SELECT a.name, a.size, a.mime, a."storageKey" FROM "Attachment" a JOIN "Message" m ON m.id = a."messageId"
    WHERE a.id = ${opts.fileId} AND a."interactionId" = ${opts.interactionId} AND m."interactionId" = ${opts.interactionId}
      AND CASE ${opts.reader}::text
        WHEN 'staff' THEN true
        WHEN 'consultant' THEN m.visibility = 'INTERNAL' AND m.thread = 'consultation'
        ELSE m.visibility = 'EVERYONE' END`;
  const row = rows[0];
  if (!row) throw new AppError('notFound');
  const bytes = await (opts.store ?? fileStore()).get(row.storageKey);
  if (!bytes) throw new AppError('notFound');
  return { name: row.name, size: bytes.byteLength, mime: row.mime, bytes };
}

// ---- collection and data lifecycle (retention/erasure wire these) ----

const BATCH = 500;

/** Deletes the bytes of keys no remaining row refers to, each under its key's lock. */
async function dropUnreferenced(keys: string[], store: FileStore): Promise<number> {
  let dropped = 0;
  for (const key of new Set(keys)) {
    const gone = await db.$transaction(async (tx) => {
      await lockKey(tx, key);
      const left = await tx.attachment.count({ where: { storageKey: key } });
      if (left > 0) return false;
      await store.delete(key);
      return true;
    });
    if (gone) dropped++;
  }
  return dropped;
}

async function deleteRows(where: Prisma.Sql, store: FileStore): Promise<{ rows: number; files: number }> {
  let rows = 0;
  let files = 0;
  for (;;) {
    // In the same statement, the messages that carried these files say "file removed" from now
    // on (name and size blanked too) instead of offering a link to bytes that are gone.
    const deleted = await db.$queryRaw<{ storageKey: string }[]>`
      WITH d AS (
        DELETE FROM "Attachment" WHERE id IN (SELECT id FROM "Attachment" WHERE ${where} LIMIT ${BATCH}) RETURNING id, "messageId", "storageKey"
      ), g AS (
        SELECT "messageId", array_agg(id) AS ids FROM d WHERE "messageId" IS NOT NULL GROUP BY "messageId"
      ), u AS (
        UPDATE "Message" m SET attachments = (
          SELECT jsonb_agg(CASE WHEN e->>'id' = ANY(g.ids) THEN jsonb_build_object('id', e->>'id', 'name', '', 'size', 0, 'type', '', 'removed', true) ELSE e END ORDER BY n)
          FROM jsonb_array_elements(m.attachments) WITH ORDINALITY AS x(e, n))
        FROM g WHERE m.id = g."messageId" AND jsonb_typeof(m.attachments) = 'array'
        RETURNING m.id
      )
      SELECT "storageKey" FROM d`;
    if (deleted.length === 0) break;
    rows += deleted.length;
    files += await dropUnreferenced(deleted.map((d) => d.storageKey), store);
    if (deleted.length < BATCH) break;
  }
  return { rows, files };
}

/** Orphans: uploads no message claimed within `graceMs` (the message never committed). */
export function collectOrphans(opts: { graceMs?: number; now?: Date; store?: FileStore } = {}) {
  const before = new Date((opts.now ?? new Date()).getTime() - (opts.graceMs ?? 3_600_000));
  return deleteRows(Prisma.sql`"messageId" IS NULL AND "createdAt" < ${before}`, opts.store ?? fileStore());
}

/** Retention/erasure: every file of these chats (rows and bytes), in batches. */
export function deleteAttachmentsOfInteractions(interactionIds: string[], store: FileStore = fileStore()) {
  return deleteRows(Prisma.sql`"interactionId" = ANY(${interactionIds})`, store);
}

/** Retention: every file uploaded before `date`, in batches. */
export function deleteAttachmentsOlderThan(date: Date, store: FileStore = fileStore()) {
  return deleteRows(Prisma.sql`"createdAt" < ${date}`, store);
}

/** Erasure: every file of every chat of one contact. */
export function eraseContactAttachments(contactId: string, store: FileStore = fileStore()) {
  return deleteRows(Prisma.sql`"interactionId" IN (SELECT id FROM "Interaction" WHERE "contactId" = ${contactId})`, store);
}
