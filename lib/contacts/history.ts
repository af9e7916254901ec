import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { requireStaffAccess, type Staff } from '@/lib/interactions/core/access';
import { listMessages } from '@/lib/interactions/core/messages';
import type { MessageDto } from '@/lib/realtime/channels';
import { noteDto, type NoteDto } from '@/lib/notes/notes';

export const HISTORY_PAGE = 20;

export interface HistoryItem {
  id: string;
  createdAt: string;
  status: string;
  /** ended by the contact or an agent, or never answered (abandoned in the queue). */
  outcome: 'contact' | 'agent' | 'abandoned' | 'open';
  agentNickname: string | null;
  agentName: string | null;
  disposition: string | null;
  durationSec: number | null;
  subject: string;
  notes: NoteDto[];
  /** The contact's rating at the end (issue 18), 1 to 5, and its comment. */
  rating: number | null;
  ratingComment: string | null;
}

export interface HistoryPage {
  items: HistoryItem[];
  nextCursor: string | null;
}

/** The contact behind a chat the caller may read (participant or supervisor). */
async function contactOfReadable(user: Staff, interactionId: string) {
  await requireStaffAccess(user, interactionId, 'read');
  const i = await db.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { contactId: true } });
  return i.contactId;
}

function outcomeOf(i: { status: string; endedBy: string | null; acceptedAt: Date | null }): HistoryItem['outcome'] {
  if (i.status !== 'ENDED' && i.status !== 'DONE') return 'open';
  if (!i.acceptedAt) return 'abandoned';
  return i.endedBy === 'contact' ? 'contact' : 'agent';
}

/**
 * A12: the contact's other interactions, newest first, a page at a time (keyset on createdAt, id:
 * a contact with hundreds of chats costs one indexed page per request).
 */
export async function contactHistory(user: Staff, interactionId: string, opts: { cursor?: string | null; limit?: number } = {}): Promise<HistoryPage> {
  const contactId = await contactOfReadable(user, interactionId);
  const limit = Math.min(Math.max(opts.limit ?? HISTORY_PAGE, 1), 50);
  let after: { createdAt: Date; id: string } | null = null;
  if (opts.cursor) {
    const c = await db.interaction.findFirst({ where: { id: opts.cursor, contactId }, select: { id: true, createdAt: true } });
    if (!c) throw new AppError('invalidInput', 'unknown cursor');
    after = c;
  }
  const rows = await db.interaction.findMany({
    where: {
      contactId,
      id: { not: interactionId },
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      id: true,
      createdAt: true,
      acceptedAt: true,
      endedAt: true,
      endedBy: true,
      status: true,
      subject: true,
      rating: true,
      ratingComment: true,
      disposition: { select: { name: true } },
      participants: { where: { role: 'OWNER' }, orderBy: { joinedAt: 'desc' }, take: 1, select: { displayName: true, user: { select: { name: true } } } },
      notes: {
        where: { deletedAt: null },
        orderBy: { createdAt: 'asc' },
        select: { id: true, interactionId: true, text: true, authorId: true, createdAt: true, updatedAt: true, author: { select: { name: true, nickname: true } } },
      },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => {
      const owner = r.participants[0];
      const start = r.acceptedAt ?? r.createdAt;
      return {
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        status: r.status,
        outcome: outcomeOf(r),
        agentNickname: owner?.displayName ?? null,
        agentName: owner?.user.name ?? null,
        disposition: r.disposition?.name ?? null,
        durationSec: r.endedAt ? Math.max(0, Math.round((r.endedAt.getTime() - start.getTime()) / 1000)) : null,
        subject: r.subject,
        notes: r.notes.map(noteDto),
        rating: r.rating,
        ratingComment: r.ratingComment,
      };
    }),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

export interface CallAttemptDto {
  id: string;
  phone: string;
  createdAt: string;
  by: string;
}

/** A1: the latest call attempts on the contact's numbers. */
export async function contactCallAttempts(user: Staff, interactionId: string, limit = 20): Promise<CallAttemptDto[]> {
  const contactId = await contactOfReadable(user, interactionId);
  const rows = await db.callAttempt.findMany({
    where: { contactId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(limit, 50),
    select: { id: true, phone: true, createdAt: true, user: { select: { name: true, nickname: true } } },
  });
  return rows.map((r) => ({ id: r.id, phone: r.phone, createdAt: r.createdAt.toISOString(), by: r.user.nickname ? `${r.user.nickname} (${r.user.name})` : r.user.name }));
}

/**
 * One earlier interaction's whole transcript, read-only. Internal messages (coaching,
 * consultation) are included only for supervisors and for staff who took part in that
 * interaction; everyone else gets the contact-visible stream alone.
 */
export async function historyTranscript(user: Staff, interactionId: string, pastId: string): Promise<{ id: string; messages: MessageDto[]; internalShown: boolean }> {
  const contactId = await contactOfReadable(user, interactionId);
  const past = await db.interaction.findFirst({ where: { id: pastId, contactId }, select: { id: true } });
  if (!past) throw new AppError('notFound');
  return readOnlyTranscript(user, pastId);
}

/**
 * A chat's whole transcript, read-only, under the contact-history rules: internal lines only for
 * supervisors and for staff who took part. The caller has checked that `user` may read the chat
 * (A12 above; the reports' drill-down and transcript search, issue 20).
 */
export async function readOnlyTranscript(user: Staff, chatId: string): Promise<{ id: string; messages: MessageDto[]; internalShown: boolean }> {
  const tookPart = (await db.participant.count({ where: { interactionId: chatId, userId: user.id } })) > 0;
  const internalShown = user.role === 'SUPERVISOR' || tookPart;
  const everyone = await readAll(chatId, 'EVERYONE');
  const internal = internalShown ? await readAll(chatId, 'INTERNAL') : [];
  const messages = [...everyone, ...internal].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.visibility === b.visibility ? a.seq - b.seq : 0));
  return { id: chatId, messages, internalShown };
}

async function readAll(interactionId: string, visibility: 'EVERYONE' | 'INTERNAL') {
  const out: MessageDto[] = [];
  let after = 0;
  for (;;) {
    const batch = await listMessages({ interactionId, visibility, afterSeq: after, limit: 1000 });
    out.push(...batch);
    if (batch.length < 1000) return out;
    after = batch[batch.length - 1]!.seq;
  }
}
