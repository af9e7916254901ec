import 'server-only';
/**
 * What a contact can do after the end of a chat (issue 18): rate it (CSAT) and have its
 * transcript emailed. Every call needs the chat's secret (requireContact) and an ended chat.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { requireContact } from '@/lib/interactions/core/access';
import { listMessages } from '@/lib/interactions/core/messages';
import { mailStatus, queueMail, type MailState } from '@/lib/mail/outbox';
import { renderTranscriptMail, type TranscriptLine } from '@/lib/mail/templates';
import type { MessageDto } from '@/lib/realtime/channels';
import { rateLimit } from '@/lib/security/rate-limit';
import { getSettings } from '@/lib/settings/settings';
import { TRANSCRIPT_MAILS_PER_CHAT, type rateChatSchema, type transcriptEmailSchema } from './after-chat-input';
import type { AfterChatState } from './after-chat-types';
import { rateInteraction } from './rating';

const ENDED = new Set(['ENDED', 'DONE']);


/** The transcript mail's key: one mail per chat and address (a repeated press sends nothing more). */
function transcriptRef(chatId: string, email: string): string {
  return `${chatId}:${crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24)}`;
}

export async function afterChatState(chatId: string, secret: string): Promise<AfterChatState> {
  const chat = await requireContact(chatId, secret);
  const [settings, row] = await Promise.all([
    getSettings(),
    db.interaction.findUniqueOrThrow({
      where: { id: chatId },
      select: { ratedAt: true, caseData: { where: { field: { key: 'email' } }, select: { value: true }, take: 1 } },
    }),
  ]);
  const email = row.caseData[0]?.value ?? null;
  const last = await db.mailOutbox.findFirst({ where: { kind: 'transcript', refId: { startsWith: `${chatId}:` } }, orderBy: { createdAt: 'desc' }, select: { status: true } });
  return {
    ended: ENDED.has(chat.status),
    ratingEnabled: settings.ratingEnabled,
    rated: row.ratedAt !== null,
    email,
    transcriptMail: last ? { status: last.status as MailState } : null,
  };
}

/** CSAT: once per chat, after the end, with the chat's secret; refused when an admin turned it off. */
export async function rateChat(chatId: string, secret: string, input: z.infer<typeof rateChatSchema>): Promise<void> {
  const chat = await requireContact(chatId, secret);
  if (!(await getSettings()).ratingEnabled) throw new AppError('forbidden', 'rating is turned off');
  if (!ENDED.has(chat.status)) throw new AppError('conflict', 'the chat has not ended');
  const result = await rateInteraction(db, { chatId, secret, rating: input.rating, comment: input.comment ?? null });
  if (result === 'rated') return;
  if (result === 'alreadyRated') throw new AppError('conflict', 'this chat was already rated');
  if (result === 'invalid') throw new AppError('invalidInput', 'rating must be 1 to 5, comment at most 2000 characters');
  throw new AppError('unauthorized');
}

/** The lines the contact saw: their stream only (no internal lines), with the nicknames they saw. */
export async function contactVisibleLines(chatId: string): Promise<TranscriptLine[]> {
  const out: MessageDto[] = [];
  for (let after = 0; ; ) {
    const batch = await listMessages({ interactionId: chatId, visibility: 'EVERYONE', afterSeq: after, limit: 1000 });
    out.push(...batch);
    if (batch.length < 1000) break;
    after = batch[batch.length - 1]!.seq;
  }
  return out
    .filter((m) => m.kind === 'TEXT' && m.visibility === 'EVERYONE')
    .map((m) => ({
      at: new Date(m.createdAt),
      author: m.senderName,
      text: [m.text, ...(m.attachments ?? []).map((a) => `[${a.name}]`)].filter(Boolean).join(' '),
    }));
}

/**
 * Queues the transcript mail: once per chat and address, at most TRANSCRIPT_MAILS_PER_CHAT
 * addresses per chat, and a budget per chat per hour against hammering.
 */
export async function emailTranscript(chatId: string, secret: string, input: z.infer<typeof transcriptEmailSchema>): Promise<{ status: MailState }> {
  const chat = await requireContact(chatId, secret);
  if (!ENDED.has(chat.status)) throw new AppError('conflict', 'the chat has not ended');
  await rateLimit(`transcript-mail:${chatId}`, 10, 3600);
  const refId = transcriptRef(chatId, input.email);
  const existing = await mailStatus(db, { kind: 'transcript', refId });
  if (existing) return { status: existing.status };
  const sent = await db.mailOutbox.count({ where: { kind: 'transcript', refId: { startsWith: `${chatId}:` } } });
  if (sent >= TRANSCRIPT_MAILS_PER_CHAT) throw new AppError('conflict', 'this chat\'s transcript was already sent to enough addresses');
  const row = await db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { createdAt: true, language: true } });
  const locale = input.locale ?? (row.language === 'fr' ? 'fr-CA' : 'en');
  const mail = renderTranscriptMail(locale, { startedAt: row.createdAt, lines: await contactVisibleLines(chatId), timeZone: input.timeZone });
  const { id } = await queueMail(db, { to: input.email.trim(), kind: 'transcript', refId, locale, ...mail });
  return { status: (await mailStatus(db, { id }))?.status ?? 'pending' };
}
