import 'server-only';
import { revokeChatChannels } from '@/lib/realtime/revoke';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { broadcast, type Broadcast } from '@/lib/realtime/server';
import { channels, events, messageChannels, type MessageDto } from '@/lib/realtime/channels';
import { appendMessage, listMessages } from '@/lib/interactions/core/messages';
import type { Staff } from '@/lib/interactions/core/access';
import { lockChat, type NewMessage } from '@/lib/interactions/core/chat-store';
import { sendWithAttachments } from '@/lib/attachments/attachments';
import { STAFF_MEMBERS } from '@/lib/access/participant-roles';

// T4 chat consultation: a side conversation on the chat's internal stream (visibility INTERNAL,
// thread 'consultation'), between the chat's members and the consulted colleague. Broadcast on
// private-consult-{id}, the one channel the consulted colleague hears, and on the internal
// channel for the chat's agents and supervisors (messageChannels). It never reaches the contact:
// not their channel, page or API; nor does the consulted colleague hear coaching or supervision.

const THREAD = 'consultation' as const;

/** The caller's live part in the consultation: a chat member (owner, conference) or the consulted agent. */
async function consultMember(user: Staff, interactionId: string) {
  const p = await db.participant.findFirst({
    where: { interactionId, userId: user.id, leftAt: null, role: { in: [...STAFF_MEMBERS] } },
    orderBy: { joinedAt: 'desc' },
    select: { role: true, displayName: true },
  });
  return p;
}

/** Channel authorization: the consulted agent may hear the chat's consultation channel while consulted. */
export async function isConsulted(userId: string, interactionId: string): Promise<boolean> {
  return (await db.participant.count({ where: { interactionId, userId, leftAt: null, role: 'CONSULT' } })) > 0;
}

async function requireReader(user: Staff, interactionId: string) {
  const p = await consultMember(user, interactionId);
  if (p) return p;
  if (user.role === 'SUPERVISOR' && (await db.interaction.count({ where: { id: interactionId } })) > 0) return null;
  throw new AppError('notFound');
}

/** The consultation messages after a seq of the internal stream (catch-up); kept with the chat's history. */
export async function consultationSince(user: Staff, interactionId: string, afterSeq: number): Promise<MessageDto[]> {
  await requireReader(user, interactionId);
  const all = await listMessages({ interactionId, visibility: 'INTERNAL', afterSeq, limit: 1000 });
  return all.filter((m) => m.thread === THREAD);
}

async function openConsultants(interactionId: string) {
  return db.participant.findMany({ where: { interactionId, leftAt: null, role: 'CONSULT' }, select: { userId: true, displayName: true } });
}

export async function consultationSend(user: Staff, interactionId: string, input: { clientId: string; text: string; attachmentIds?: string[] }, socketId?: string) {
  const me = await requireReader(user, interactionId);
  if (!me) throw new AppError('forbidden');
  if ((await openConsultants(interactionId)).length === 0) throw new AppError('conflict', 'no consultation in progress');
  const next: NewMessage & { clientId: string } = {
    interactionId,
    visibility: 'INTERNAL',
    thread: THREAD,
    clientId: input.clientId,
    senderType: 'AGENT',
    senderUserId: user.id,
    senderName: me.displayName,
    text: input.text,
    allowedStatuses: ['ACTIVE', 'ENDED'],
  };
  // Files on the thread are internal as the thread is (readAttachment never gives them to the contact).
  const { message, duplicate } = input.attachmentIds?.length ? await sendWithAttachments(next, input.attachmentIds, { type: 'AGENT', userId: user.id }) : await appendMessage(next);
  if (!duplicate) await broadcast(messageChannels(message).map((channel) => ({ channel, name: events.message, data: message, socketId })));
  return message;
}

/**
 * Ends the consultation: the consulted agent ends their own part; a chat member ends it for
 * everyone consulted. The messages stay in the chat's history.
 */
export async function endConsultation(user: Staff, interactionId: string) {
  const me = await requireReader(user, interactionId);
  if (!me) throw new AppError('forbidden');
  const out = await db.$transaction(async (tx) => {
    await lockChat(tx, interactionId);
    const leaving = await tx.participant.findMany({
      where: { interactionId, leftAt: null, role: 'CONSULT', ...(me.role === 'CONSULT' ? { userId: user.id } : {}) },
      select: { id: true, userId: true, displayName: true },
    });
    if (leaving.length === 0) throw new AppError('conflict', 'no consultation in progress');
    await tx.participant.updateMany({ where: { id: { in: leaving.map((l) => l.id) } }, data: { leftAt: new Date() } });
    const messages: MessageDto[] = [];
    for (const l of leaving) {
      const { message } = await appendMessage(
        { interactionId, visibility: 'INTERNAL', thread: THREAD, senderType: 'SYSTEM', senderName: '', senderUserId: user.id, event: 'left', eventData: { name: l.displayName }, allowedStatuses: ['ACTIVE', 'ENDED', 'DONE'] },
        tx,
      );
      messages.push(message);
    }
    return { leaving, messages };
  });
  const items: Broadcast[] = out.messages.flatMap((m) => messageChannels(m).map((channel) => ({ channel, name: events.message, data: m })));
  for (const l of out.leaving) items.push({ channel: channels.user(l.userId), name: events.workspace, data: { interactionId, reason: 'removed' } });
  await broadcast(items);
  // Whoever was consulted no longer hears this chat's consultation channel.
  await revokeChatChannels(out.leaving.map((l) => l.userId));
  return { interactionId, ended: out.leaving.length };
}

/** The consultations the caller is consulted on, for their console (the chat itself stays out of reach). */
export async function myConsultations(user: Staff) {
  const rows = await db.participant.findMany({
    where: { userId: user.id, leftAt: null, role: 'CONSULT' },
    orderBy: { joinedAt: 'asc' },
    select: { interactionId: true, interaction: { select: { subject: true, contact: { select: { name: true } }, queue: { select: { name: true } } } } },
  });
  const invitations = await db.invitation.findMany({
    where: { targetUserId: user.id, kind: 'CONSULTATION', status: 'ACCEPTED', interactionId: { in: rows.map((r) => r.interactionId) } },
    orderBy: { resolvedAt: 'desc' },
    select: { interactionId: true, inviterId: true, inviter: { select: { name: true } } },
  });
  return rows.map((r) => {
    const inv = invitations.find((v) => v.interactionId === r.interactionId);
    return {
      interactionId: r.interactionId,
      contactName: r.interaction.contact.name,
      subject: r.interaction.subject,
      queueName: r.interaction.queue.name,
      // Who asked: the other end of a voice consultation.
      inviter: inv?.inviterId ? { id: inv.inviterId, name: inv.inviter?.name ?? '' } : null,
    };
  });
}
export type MyConsultations = Awaited<ReturnType<typeof myConsultations>>;
