import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { broadcast } from '@/lib/realtime/server';
import { channels, events, type InvitationResolvedEvent } from '@/lib/realtime/channels';
import { routeQueued } from '@/lib/routing/router';
import { attachMonitorNext } from '@/lib/supervisor/supervision';
import type { Staff } from '../core/access';
import { resolveInvitation } from '../core/lifecycle';
import { appendMessage } from '../core/messages';
import { statusEvent } from '../core/broadcast';
import { nicknameOf } from './agent-state';
import { lockChat } from '../core/chat-store';
import { announceQueueAfterAccept } from '@/lib/widget/wait-notices-data';

// Routing offers (R2): accept, reject, and the deadline sweep, each resolving exactly once.

/** The caller's own invitation, still answerable (pending, before its deadline). */
async function ownAnswerableInvitation(user: Staff, invitationId: string, action: 'accept' | 'reject') {
  const inv = await db.invitation.findFirst({ where: { id: invitationId, targetUserId: user.id } });
  if (!inv) throw new AppError('notFound');
  const verdict = resolveInvitation(inv, action, new Date());
  if (!verdict.ok) throw new AppError('invitationGone');
  return inv;
}

/**
 * Accept an offer. The invitation flips PENDING → ACCEPTED under a condition that also checks the
 * deadline in the database, so accept, reject and the expiry sweep can race and one wins.
 */
export async function acceptInvitation(user: Staff, invitationId: string) {
  const inv = await ownAnswerableInvitation(user, invitationId, 'accept');
  const displayName = await nicknameOf(user.id);
  const result = await db.$transaction(async (tx) => {
    await lockChat(tx, inv.interactionId);
    const won = await tx.invitation.updateMany({
      where: { id: inv.id, status: 'PENDING', expiresAt: { gt: new Date() } },
      data: { status: 'ACCEPTED', resolvedAt: new Date() },
    });
    if (won.count === 0) throw new AppError('invitationGone');
    const taken = await tx.interaction.updateMany({
      where: { id: inv.interactionId, status: 'OFFERED' },
      data: { status: 'ACTIVE', ownerId: user.id, acceptedAt: new Date() },
    });
    if (taken.count === 0) throw new AppError('invitationGone');
    await tx.participant.create({ data: { interactionId: inv.interactionId, userId: user.id, role: 'OWNER', displayName } });
    const { message } = await appendMessage(
      {
        interactionId: inv.interactionId,
        senderType: 'SYSTEM',
        senderName: '',
        senderUserId: user.id,
        event: 'joined',
        eventData: { name: displayName },
        allowedStatuses: ['ACTIVE'],
      },
      tx,
    );
    return message;
  });
  await broadcast([
    { channel: channels.chat(inv.interactionId), name: events.message, data: result },
    { channel: channels.chat(inv.interactionId), name: events.interaction, data: statusEvent(inv.interactionId, 'ACTIVE', result.seq) },
    { channel: channels.user(user.id), name: events.invitationResolved, data: resolved(inv, 'ACCEPTED') },
    { channel: channels.user(user.id), name: events.workspace, data: { interactionId: inv.interactionId, reason: 'assigned' } },
  ]);
  await attachMonitorNext(user.id, inv.interactionId); // S4 monitor next
  // Issue 18: the contacts still waiting in this queue moved up and its wait history changed.
  await announceQueueAfterAccept(inv.interactionId);
  return { interactionId: inv.interactionId };
}

export async function rejectInvitation(user: Staff, invitationId: string) {
  const inv = await ownAnswerableInvitation(user, invitationId, 'reject');
  const ok = await db.$transaction(async (tx) => {
    await lockChat(tx, inv.interactionId);
    const won = await tx.invitation.updateMany({
      where: { id: inv.id, status: 'PENDING', expiresAt: { gt: new Date() } },
      data: { status: 'REJECTED', resolvedAt: new Date() },
    });
    if (won.count === 0) return false;
    if (inv.kind === 'OFFER') await tx.interaction.updateMany({ where: { id: inv.interactionId, status: 'OFFERED' }, data: { status: 'QUEUED' } });
    return true;
  });
  if (!ok) throw new AppError('invitationGone');
  await broadcast([{ channel: channels.user(user.id), name: events.invitationResolved, data: resolved(inv, 'REJECTED') }]);
  await routeQueued();
  return { interactionId: inv.interactionId };
}

/**
 * The invitation timer (R2): run by every app instance; the conditional UPDATE … RETURNING hands
 * each due invitation to exactly one of them. An agent who let an offer lapse is set Not Ready,
 * as contact centers do, so the next chat does not wait on them too.
 */
export async function expireDueInvitations(): Promise<number> {
  const due = await db.invitation.findMany({
    where: { status: 'PENDING', kind: 'OFFER', expiresAt: { lte: new Date() } },
    select: { id: true, interactionId: true, targetUserId: true, kind: true },
    take: 200,
  });
  const expired: typeof due = [];
  for (const d of due) {
    // One transaction per invitation: the chat goes back to the queue together with the expiry,
    // or neither happens (a crash in between must not strand the chat as OFFERED).
    const won = await db.$transaction(async (tx) => {
      await lockChat(tx, d.interactionId);
      const { count } = await tx.invitation.updateMany({
        where: { id: d.id, status: 'PENDING', expiresAt: { lte: new Date() } },
        data: { status: 'EXPIRED', resolvedAt: new Date() },
      });
      if (count === 0) return false;
      if (d.kind === 'OFFER') {
        await tx.interaction.updateMany({ where: { id: d.interactionId, status: 'OFFERED' }, data: { status: 'QUEUED' } });
        await tx.user.updateMany({ where: { id: d.targetUserId, agentStatus: 'READY' }, data: { agentStatus: 'NOT_READY', notReadyReason: 'missed' } });
      }
      return true;
    });
    if (won) expired.push(d);
  }
  if (expired.length === 0) return 0;
  await broadcast(
    expired.map((d) => ({
      channel: channels.user(d.targetUserId),
      name: events.invitationResolved,
      data: { invitationId: d.id, interactionId: d.interactionId, status: 'EXPIRED' } satisfies InvitationResolvedEvent,
    })),
  );
  await routeQueued();
  return expired.length;
}


function resolved(inv: { id: string; interactionId: string }, status: InvitationResolvedEvent['status']): InvitationResolvedEvent {
  return { invitationId: inv.id, interactionId: inv.interactionId, status };
}
