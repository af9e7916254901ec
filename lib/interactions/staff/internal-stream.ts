import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { InternalThread } from '@/lib/realtime/channels';
import { requireStaffAccess, type Staff } from '../core/access';
import { broadcastMessage } from '../core/broadcast';
import { sendWithAttachments } from '@/lib/attachments/attachments';
import { appendMessage, listMessages } from '../core/messages';
import { INTERNAL_WRITERS, LIVE_MEMBERS } from '@/lib/access/participant-roles';

// The internal stream of one chat (coaching S5, consultation T4): staff only, its own seq
// (lastInternalSeq), its own channel (private-internal-{id}). Nothing here ever touches the
// contact's stream, channel or API.

/** Internal messages after a seq, for anyone who may read the chat (its agents, supervisors). */
export async function internalSince(user: Staff, interactionId: string, afterSeq: number) {
  await requireStaffAccess(user, interactionId, 'read');
  return listMessages({ interactionId, visibility: 'INTERNAL', afterSeq });
}

/**
 * Who may write on a thread, with the name they write under. Coaching: the supervisor coaching
 * this chat, and the chat's agents answering them. (Consultation adds its own rule here.)
 */
async function writerOn(user: Staff, interactionId: string, thread: InternalThread): Promise<{ displayName: string }> {
  // A COACH row counts only while its holder is still a supervisor (security round 2, defect 6).
  const roles = thread === 'coaching' ? (user.role === 'SUPERVISOR' ? INTERNAL_WRITERS : LIVE_MEMBERS) : ([] as const);
  const p = roles.length
    ? await db.participant.findFirst({ where: { interactionId, userId: user.id, leftAt: null, role: { in: [...roles] } }, select: { displayName: true } })
    : null;
  if (p) return p;
  await requireStaffAccess(user, interactionId, 'read'); // notFound for strangers, as elsewhere
  throw new AppError('forbidden');
}

export async function internalSend(user: Staff, interactionId: string, input: { clientId: string; text: string; thread: InternalThread; attachmentIds?: string[] }, socketId?: string) {
  const { displayName } = await writerOn(user, interactionId, input.thread);
  const next = {
    interactionId,
    visibility: 'INTERNAL' as const,
    thread: input.thread,
    clientId: input.clientId,
    senderType: 'AGENT' as const,
    senderUserId: user.id,
    senderName: displayName,
    text: input.text,
    allowedStatuses: ['ACTIVE'] as const,
  };
  // Files on a thread follow its visibility: the message is INTERNAL, so are they (readAttachment).
  const { message, duplicate } = input.attachmentIds?.length
    ? await sendWithAttachments(next, input.attachmentIds, { type: 'AGENT', userId: user.id })
    : await appendMessage(next);
  // A client id is unique per chat across both streams: a retry gets its stored message back, but
  // an id already used by someone else, or on the contact's stream, is refused (never answered
  // with another message).
  if (duplicate && (message.visibility !== 'INTERNAL' || message.senderUserId !== user.id || message.thread !== input.thread)) throw new AppError('conflict', 'clientId already used');
  if (!duplicate) await broadcastMessage(message, socketId);
  return message;
}
