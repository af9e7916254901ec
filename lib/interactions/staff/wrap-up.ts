import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { broadcast } from '@/lib/realtime/server';
import { revokeChatChannels } from '@/lib/realtime/revoke';
import { channels, events } from '@/lib/realtime/channels';
import { routeSoon } from '@/lib/routing/router';
import { getSettings } from '@/lib/settings/settings';
import { requireStaffAccess, type Staff } from '../core/access';
import { canMarkDone } from '../core/lifecycle';
import { statusEvent } from '../core/broadcast';
import { endInteraction } from '../core/end';
import { nicknameOf } from './agent-state';
import { leaveChat } from '@/lib/collaboration/invitations';

// Wrap-up (A8, A9, A14): end the chat, set the disposition, Mark Done.

/** Refusals of leaveChat meaning "not in a conference": the agent's End chat then ends the chat. */
const NOT_A_CONFERENCE = new Set(['lastMember', 'notFound', 'forbidden', 'chatClosed']);

/**
 * A8 End chat. In a conference (T3) it ends only this agent's part: ownership passes as with
 * Leave conference, the contact sees them leave and the chat goes on. Only the last agent in the
 * chat ends it for the contact. Two members ending at once serialise on the chat row in
 * leaveChat: the second finds itself alone (lastMember) and ends the chat.
 */
export async function agentEnd(user: Staff, interactionId: string) {
  await requireStaffAccess(user, interactionId, 'act');
  try {
    const left = await leaveChat(user, interactionId, { activeOnly: true });
    return { alreadyEnded: false as const, leftConference: true as const, newOwnerId: left.newOwnerId };
  } catch (e) {
    if (!(e instanceof AppError) || !NOT_A_CONFERENCE.has(e.code)) throw e;
  }
  return endInteraction({ interactionId, by: 'agent', byName: await nicknameOf(user.id) });
}

export async function setDisposition(user: Staff, interactionId: string, dispositionId: string | null) {
  await requireStaffAccess(user, interactionId, 'act');
  if (dispositionId) {
    const code = await db.dispositionCode.findFirst({ where: { id: dispositionId, retired: false } });
    if (!code) throw new AppError('invalidInput', 'unknown disposition code');
  }
  await db.interaction.update({ where: { id: interactionId }, data: { dispositionId } });
  return { dispositionId };
}

/** A14: the owner finishes an ended chat; it leaves their bar. */
export async function markDone(user: Staff, interactionId: string) {
  await requireStaffAccess(user, interactionId, 'own');
  const [row, settings] = await Promise.all([
    db.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { status: true, dispositionId: true } }),
    getSettings(),
  ]);
  const verdict = canMarkDone(row, settings.dispositionRequired);
  if (!verdict.ok) throw new AppError(verdict.reason === 'dispositionRequired' ? 'dispositionRequired' : 'conflict');
  const now = new Date();
  const left = await db.$transaction(async (tx) => {
    const { count } = await tx.interaction.updateMany({ where: { id: interactionId, status: 'ENDED' }, data: { status: 'DONE', doneAt: now } });
    if (count === 0) throw new AppError('conflict');
    const leaving = await tx.participant.findMany({ where: { interactionId, leftAt: null }, select: { userId: true } });
    await tx.participant.updateMany({ where: { interactionId, leftAt: null }, data: { leftAt: now } });
    await tx.user.update({ where: { id: user.id }, data: { idleSince: now } });
    return leaving.map((p) => p.userId);
  });
  await broadcast([
    { channel: channels.user(user.id), name: events.workspace, data: { interactionId, reason: 'done' } },
    { channel: channels.chat(interactionId), name: events.interaction, data: statusEvent(interactionId, 'DONE', 0) },
  ]);
  await revokeChatChannels(left);
  routeSoon();
  return { interactionId };
}
