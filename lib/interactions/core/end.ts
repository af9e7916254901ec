import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { broadcast, type Broadcast } from '@/lib/realtime/server';
import { channels, events } from '@/lib/realtime/channels';
import { routeSoon } from '@/lib/routing/router';
import { forgetContactKey } from './access';
import { sourcesOf, type InteractionStatus } from './lifecycle';
import { appendMessage } from './messages';
import { lockChat } from './chat-store';
import { statusEvent } from './broadcast';

// The end of a live chat, whoever ends it: the contact (contact-chat.ts), the agent (wrap-up.ts)
// or the data-rights erasure (lib/lifecycle/contact-rights.ts).

/** Ends a live chat, once: the conditional update picks one winner if both sides end together. */
export async function endInteraction(opts: { interactionId: string; by: 'contact' | 'agent'; byName?: string }) {
  const ended = await db.$transaction(async (tx) => {
    // Lock the chat first (the order every writer follows: chat, then its invitations), so an
    // accept racing this end either lands before (ENDED, with its owner) or fails after.
    const current = await lockChat(tx, opts.interactionId);
    if (!current) throw new AppError('notFound');
    // A chat nobody ever took is finished outright: there is nothing left for an agent to wrap up.
    const to: InteractionStatus = current.ownerId ? 'ENDED' : 'DONE';
    const { count } = await tx.interaction.updateMany({
      where: { id: opts.interactionId, status: { in: sourcesOf('ENDED') } },
      data: { status: to, endedAt: new Date(), endedBy: opts.by, pendingSince: null, ...(to === 'DONE' ? { doneAt: new Date() } : {}) },
    });
    if (count === 0) return null;
    const cancelled = await tx.$queryRaw<{ id: string; targetUserId: string }[]>`
      UPDATE "Invitation" SET status = 'CANCELLED', "resolvedAt" = now()
      WHERE "interactionId" = ${opts.interactionId} AND status = 'PENDING'
      RETURNING id, "targetUserId"`;
    const { message } = await appendMessage(
      {
        interactionId: opts.interactionId,
        senderType: 'SYSTEM',
        senderName: '',
        event: 'ended',
        eventData: { by: opts.by, name: opts.by === 'contact' ? current.contactName : (opts.byName ?? '') },
        allowedStatuses: [to],
      },
      tx,
    );
    return { message, status: to, ownerId: current.ownerId, cancelled };
  });
  forgetContactKey(opts.interactionId);
  if (!ended) return { alreadyEnded: true as const };
  const items: Broadcast[] = [
    { channel: channels.chat(opts.interactionId), name: events.message, data: ended.message },
    { channel: channels.chat(opts.interactionId), name: events.interaction, data: statusEvent(opts.interactionId, ended.status, ended.message.seq) },
  ];
  for (const c of ended.cancelled) {
    items.push({ channel: channels.user(c.targetUserId), name: events.invitationResolved, data: { invitationId: c.id, interactionId: opts.interactionId, status: 'CANCELLED' } });
  }
  if (ended.ownerId) items.push({ channel: channels.user(ended.ownerId), name: events.workspace, data: { interactionId: opts.interactionId, reason: 'ended' } });
  await broadcast(items);
  routeSoon();
  return { alreadyEnded: false as const, message: ended.message };
}
