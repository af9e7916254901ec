import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { broadcast } from '@/lib/realtime/server';
import { channels, contactSafe, events } from '@/lib/realtime/channels';
import { queuePosition, routeSoon } from '@/lib/routing/router';
import { boardTouch } from '@/lib/supervisor/publish';
import { newChatSecret, requireContact, requireContactKey } from '../core/access';
import { CONTACT_SEND_STATUSES, isOpen } from '../core/lifecycle';
import { sendWithAttachments } from '@/lib/attachments/attachments';
import { appendMessage, listMessages } from '../core/messages';
import type { StartChatInput } from '../core/schemas';
import { isOwnRetry } from '../core/client-id';
import { broadcastMessage } from '../core/broadcast';
import { endInteraction } from '../core/end';
import { isVerifiedIdentity } from '@/lib/widget/settings';
import { requireQueueTakesChats } from '@/lib/widget/hours-store';
import { checkedPrechat } from '@/lib/widget/prechat-store';
import { requiredSkillFor } from '@/lib/widget/prechat';
import { prefilledCaseData } from '@/lib/case-data/prefill';

/**
 * C1: the contact record is matched by email or phone, else created; the form becomes case data.
 * The email and phone are typed, never verified, so a match only helps the agent (flagged as an
 * unverified match on their side) unless the website widget vouched for the email with the site's
 * HMAC (issue 18); the contact only ever sees the name they typed.
 */
export async function startChat(input: StartChatInput) {
  const queue = input.queue
    ? await db.queue.findUnique({ where: { name: input.queue } })
    : await db.queue.findFirst({ where: { isDefault: true } });
  if (!queue) throw new AppError('invalidInput', 'unknown queue');
  // Business hours (issue 18): outside them the contact sends an offline message instead.
  await requireQueueTakesChats(queue.id);
  // The queue's pre-chat form (issue 18): refused whole (400, nothing stored) when an answer is missing or wrong.
  const prechat = await checkedPrechat(db, queue.id, { caseData: input.caseData, skillId: input.skill });
  const languageSkill = await db.skill.findUnique({ where: { name: input.language === 'fr' ? 'French' : 'English' } });
  const { secret, hash } = newChatSecret();
  const fields = await db.caseDataField.findMany({ select: { id: true, key: true } });
  // The website widget's signed email (issue 18): a match by that email is verified, not flagged.
  const emailVerified = await isVerifiedIdentity(input.email, input.identityHash);

  const attempt = () =>
    db.$transaction(async (tx) => {
      const byEmail = input.email ? await tx.contactEmail.findUnique({ where: { email: input.email }, select: { contactId: true } }) : null;
      const match = byEmail || (input.phone && (await tx.contactPhone.findUnique({ where: { phone: input.phone }, select: { contactId: true } }))) || null;
      const contactId =
        match?.contactId ??
        (
          await tx.contact.create({
            data: {
              name: input.name,
              emails: input.email ? { create: { email: input.email } } : undefined,
              phones: input.phone ? { create: { phone: input.phone } } : undefined,
            },
          })
        ).id;
      const values: Record<string, string | undefined> = {
        name: input.name,
        email: input.email,
        phone: input.phone,
        question: input.question,
        language: input.language,
        queue: queue.name,
      };
      return tx.interaction.create({
        data: {
          contactId,
          contactName: input.name,
          unverifiedMatch: match !== null && !(emailVerified && byEmail !== null),
          queueId: queue.id,
          requiredSkillId: requiredSkillFor({ pickedSkillId: prechat.skillId, queueSkillId: queue.skillId, languageSkillId: languageSkill?.id ?? null }),
          secretHash: hash,
          subject: input.question,
          language: input.language,
          caseData: {
            create: [...prefilledCaseData(fields, values), ...prechat.values],
          },
        },
        select: { id: true },
      });
    });
  const interaction = await retryOnUniqueRace(attempt);
  boardTouch({ chats: [interaction.id] });
  routeSoon();
  return { chatId: interaction.id, secret };
}

/**
 * Two starts with the same new email (or phone) both miss the lookup and both insert it; the
 * unique index refuses the second (P2002), which rolls its transaction back. Running it again
 * finds the record the first one made, so the loser becomes a match instead of a 500.
 */
async function retryOnUniqueRace<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || (e as { code?: string } | null)?.code !== 'P2002') throw e;
    }
  }
}

export async function contactChatState(chatId: string, secret: string | null, afterSeq: number) {
  const chat = await requireContact(chatId, secret);
  const messages = await listMessages({ interactionId: chat.id, visibility: 'EVERYONE', afterSeq });
  return {
    chatId,
    status: chat.status,
    contactName: chat.contactName,
    lastSeq: chat.lastSeq,
    queuePosition: chat.status === 'QUEUED' || chat.status === 'OFFERED' ? await queuePosition(chatId) : null,
    // The contact knows staff by nickname only: no internal user id leaves through their API.
    messages: messages.map(contactSafe),
  };
}

export async function contactSend(chatId: string, secret: string | null, input: { clientId: string; text: string; attachmentIds?: string[] }, socketId?: string) {
  const chat = await requireContactKey(chatId, secret);
  const next = {
    interactionId: chatId,
    clientId: input.clientId,
    senderType: 'CONTACT' as const,
    senderName: chat.contactName,
    text: input.text,
    allowedStatuses: CONTACT_SEND_STATUSES,
  };
  const { message, duplicate } = input.attachmentIds?.length
    ? await sendWithAttachments(next, input.attachmentIds, { type: 'CONTACT' })
    : await appendMessage(next);
  if (duplicate && !isOwnRetry(message, { type: 'CONTACT' })) throw new AppError('conflict', 'clientId already used');
  if (!duplicate) await broadcastMessage(message, socketId);
  return contactSafe(message);
}

export async function contactTyping(chatId: string, secret: string | null, typing: boolean, socketId?: string) {
  const chat = await requireContact(chatId, secret);
  if (!isOpen(chat.status)) throw new AppError('chatClosed');
  await broadcast([{ channel: channels.chat(chatId), name: events.typing, data: { who: 'contact', name: chat.contactName, typing }, socketId }]);
}

export async function contactEnd(chatId: string, secret: string | null) {
  await requireContact(chatId, secret);
  return endInteraction({ interactionId: chatId, by: 'contact' });
}
