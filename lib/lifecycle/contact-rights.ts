import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/audit';
import { lockChats } from '@/lib/interactions/core/chat-store';
import { endInteraction } from '@/lib/interactions/core/end';
import { eraseContactAttachments } from '@/lib/attachments/attachments';
import { eraseContactOfflineMessages } from '@/lib/widget/offline-messages';

/**
 * A contact's rights (issue 22): find, export everything held about them, erase them. Kinds of
 * data other streams add (attachments, offline messages) join through this registry, as purgers
 * do for retention:
 *
 *   registerContactData({ kind: 'attachments', export: (id) => …, erase: (tx, id) => … });
 */
export interface ContactData {
  kind: string;
  export(contactId: string): Promise<unknown>;
  /** Removes this kind's data of the contact, inside the erasure's transaction (before their emails and phones go). */
  erase(tx: Tx, contactId: string): Promise<void>;
  /** What cannot be undone with the transaction (bytes in a file store), once it has committed. */
  afterErase?(contactId: string): Promise<void>;
}

const registry = new Map<string, ContactData>();
export function registerContactData(d: ContactData): void {
  registry.set(d.kind, d);
}

export const ERASED = '[erased]';

/** Contacts whose name, email or phone contains the query (at most 50). */
export async function searchContacts(query: string) {
  const q = query.trim();
  if (q.length < 2 || q.length > 200) return [];
  return db.contact.findMany({
    where: {
      OR: [
        { name: { contains: q, mode: 'insensitive' } },
        { emails: { some: { email: { contains: q, mode: 'insensitive' } } } },
        { phones: { some: { phone: { contains: q } } } },
      ],
    },
    select: { id: true, name: true, createdAt: true, emails: { select: { email: true } }, phones: { select: { phone: true } }, _count: { select: { interactions: true } } },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
}

/** One JSON document with everything held about the contact (internal lines never included). */
export async function exportContact(contactId: string) {
  const contact = await db.contact.findUnique({
    where: { id: contactId },
    select: { id: true, name: true, createdAt: true, updatedAt: true, emails: { select: { email: true } }, phones: { select: { phone: true, label: true } } },
  });
  if (!contact) throw new AppError('notFound');
  const chats = await db.interaction.findMany({
    where: { contactId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true, status: true, subject: true, language: true, contactName: true, createdAt: true, acceptedAt: true, endedAt: true, doneAt: true,
      queue: { select: { name: true } },
      rating: true, ratingComment: true, ratedAt: true,
      messages: {
        where: { visibility: 'EVERYONE' },
        orderBy: { seq: 'asc' },
        select: { seq: true, kind: true, senderType: true, senderName: true, event: true, eventData: true, text: true, createdAt: true },
      },
      caseData: { select: { value: true, field: { select: { key: true, label: true } } } },
      notes: { where: { deletedAt: null }, orderBy: { createdAt: 'asc' }, select: { text: true, createdAt: true, updatedAt: true } },
    },
  });
  const callAttempts = await db.callAttempt.findMany({ where: { contactId }, orderBy: { createdAt: 'asc' }, select: { phone: true, createdAt: true, interactionId: true } });
  const extra: Record<string, unknown> = {};
  for (const d of registry.values()) extra[d.kind] = await d.export(contactId);
  return {
    exportedAt: new Date().toISOString(),
    contact,
    chats: chats.map(({ rating, ratingComment, ratedAt, caseData, messages, queue, ...c }) => ({
      ...c,
      queue: queue.name,
      transcript: messages,
      caseData: caseData.map((v) => ({ key: v.field.key, label: v.field.label, value: v.value })),
      rating: rating === null ? null : { rating, comment: ratingComment, ratedAt },
    })),
    callAttempts,
    ...extra,
  };
}

/**
 * Erases the contact: live chats ended first, then in one transaction the name, emails, phones,
 * case data, call-attempt numbers, the text of their messages (and of notes about them) replaced,
 * rating comments removed; registered kinds erased. Chats, messages, ratings' scores, counts and
 * timestamps stay, so figures do not change. The audit row says who erased which id, never what.
 */
export async function eraseContact(actor: { id: string }, contactId: string): Promise<{ chats: number }> {
  const exists = await db.contact.findUnique({ where: { id: contactId }, select: { id: true } });
  if (!exists) throw new AppError('notFound');
  const live = await db.interaction.findMany({ where: { contactId, status: { in: ['QUEUED', 'OFFERED', 'ACTIVE'] } }, select: { id: true } });
  for (const c of live) await endInteraction({ interactionId: c.id, by: 'agent' });
  const result = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Contact" WHERE id = ${contactId} FOR UPDATE`;
    const chats = await tx.interaction.findMany({ where: { contactId }, select: { id: true } });
    const ids = chats.map((c) => c.id);
    // The lock order (chat-store.ts): the chat rows, in id order, before their messages, notes and files.
    await lockChats(tx, ids);
    for (const d of registry.values()) await d.erase(tx, contactId);
    await tx.contactEmail.deleteMany({ where: { contactId } });
    await tx.contactPhone.deleteMany({ where: { contactId } });
    await tx.contact.update({ where: { id: contactId }, data: { name: '' } });
    await tx.caseDataValue.deleteMany({ where: { interactionId: { in: ids } } });
    await tx.callAttempt.updateMany({ where: { contactId }, data: { phone: '' } });
    await tx.message.updateMany({ where: { interactionId: { in: ids }, senderType: 'CONTACT', kind: 'TEXT' }, data: { text: ERASED, senderName: '' } });
    // System lines that carry the contact's typed name ("Casey ended the chat").
    await tx.$executeRaw`
      UPDATE "Message" m SET "eventData" = jsonb_set(m."eventData", '{name}', '""')
      FROM "Interaction" i
      WHERE m."interactionId" = i.id AND i."contactId" = ${contactId} AND m.kind = 'SYSTEM'
        AND m."eventData" ? 'name' AND m."eventData"->>'by' = 'contact'`;
    await tx.note.updateMany({ where: { interactionId: { in: ids } }, data: { text: ERASED } });
    await tx.interaction.updateMany({ where: { contactId }, data: { contactName: '', subject: ERASED, ratingComment: null } });
    await recordAudit(tx, { actorId: actor.id, action: 'contact.erase', target: `contact:${contactId}` });
    return { chats: ids.length };
  });
  for (const d of registry.values()) await d.afterErase?.(contactId);
  return result;
}

async function chatIdsOf(contactId: string): Promise<string[]> {
  return (await db.interaction.findMany({ where: { contactId }, select: { id: true } })).map((c) => c.id);
}

async function emailsOf(client: Tx | typeof db, contactId: string): Promise<string[]> {
  return (await client.contactEmail.findMany({ where: { contactId }, select: { email: true } })).map((e) => e.email);
}

// Files sent in their chats (by them or to them): listed in the export; rows and bytes erased.
registerContactData({
  kind: 'attachments',
  export: async (contactId) =>
    db.attachment.findMany({
      where: { interactionId: { in: await chatIdsOf(contactId) }, messageId: { not: null } },
      orderBy: { createdAt: 'asc' },
      select: { interactionId: true, name: true, size: true, mime: true, uploaderType: true, createdAt: true },
    }),
  erase: async () => {},
  afterErase: async (contactId) => {
    await eraseContactAttachments(contactId);
  },
});

// Messages they left while nobody was available (widget): by their contact record or any of its emails.
registerContactData({
  kind: 'offlineMessages',
  export: async (contactId) => {
    const emails = await emailsOf(db, contactId);
    return db.offlineMessage.findMany({
      where: { OR: [{ contactId }, ...emails.map((email) => ({ email: { equals: email, mode: 'insensitive' as const } }))] },
      orderBy: { createdAt: 'asc' },
      select: { name: true, email: true, body: true, locale: true, state: true, answer: true, answeredAt: true, createdAt: true },
    });
  },
  erase: async (tx, contactId) => {
    await eraseContactOfflineMessages(tx, { contactId, emails: await emailsOf(tx, contactId) });
  },
});
