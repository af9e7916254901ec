import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { caseDataFor } from '@/lib/case-data/case-data';
import { displayNameFor } from '@/lib/directory/nickname';
import { broadcast } from '@/lib/realtime/server';
import { revokeChatChannels } from '@/lib/realtime/revoke';
import { channels, events, type InvitationResolvedEvent } from '@/lib/realtime/channels';
import { routeQueued, routeSoon } from '@/lib/routing/router';
import { getSettings } from '@/lib/settings/settings';
import { boardTouch } from '@/lib/supervisor/publish';
import { attachMonitorNext } from '@/lib/supervisor/supervision';
import { requireActingParticipant, requireStaffAccess, type Staff } from './access';
import { AGENT_SEND_STATUSES, canMarkDone, resolveInvitation } from './lifecycle';
import { appendMessage, listMessages } from './messages';
import { broadcastMessage, endInteraction, statusEvent } from './contact-chat';
import type { notReadyReasons } from './schemas';
import { invitationPreviews } from '@/lib/collaboration/invitations';

export async function nicknameOf(userId: string): Promise<string> {
  const [user, settings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, nickname: true, group: { select: { genericNickname: true } } } }),
    getSettings(),
  ]);
  return displayNameFor(user, user.group, settings.nicknamePolicy);
}

export async function setAgentState(user: Staff, state: { status: 'READY' } | { status: 'NOT_READY'; reason: (typeof notReadyReasons)[number] } | { status: 'LOGGED_OUT' }) {
  if (user.role === 'ADMIN') throw new AppError('forbidden');
  await db.user.update({
    where: { id: user.id },
    data: {
      agentStatus: state.status,
      notReadyReason: state.status === 'NOT_READY' ? state.reason : null,
      ...(state.status === 'READY' ? { idleSince: new Date() } : {}),
    },
  });
  boardTouch({ agents: [user.id] });
  if (state.status === 'READY') await routeQueued();
  return state;
}

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
    await lockInteraction(tx, inv.interactionId);
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
  return { interactionId: inv.interactionId };
}

export async function rejectInvitation(user: Staff, invitationId: string) {
  const inv = await ownAnswerableInvitation(user, invitationId, 'reject');
  const ok = await db.$transaction(async (tx) => {
    await lockInteraction(tx, inv.interactionId);
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
      await lockInteraction(tx, d.interactionId);
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

/** Every writer locks the chat row before its invitations: one order, no deadlocks. */
async function lockInteraction(tx: Tx, interactionId: string) {
  await tx.$queryRaw`SELECT id FROM "Interaction" WHERE id = ${interactionId} FOR UPDATE`;
}

function resolved(inv: { id: string; interactionId: string }, status: InvitationResolvedEvent['status']): InvitationResolvedEvent {
  return { invitationId: inv.id, interactionId: inv.interactionId, status };
}

export async function agentSend(user: Staff, interactionId: string, input: { clientId: string; text: string }, socketId?: string) {
  const { displayName } = await requireActingParticipant(user, interactionId);
  const { message, duplicate } = await appendMessage({
    interactionId,
    clientId: input.clientId,
    senderType: 'AGENT',
    senderUserId: user.id,
    senderName: displayName,
    text: input.text,
    allowedStatuses: AGENT_SEND_STATUSES,
  });
  if (!duplicate) await broadcastMessage(message, socketId);
  return message;
}

export async function agentTyping(user: Staff, interactionId: string, typing: boolean, socketId?: string) {
  const { displayName } = await requireActingParticipant(user, interactionId);
  await broadcast([{ channel: channels.chat(interactionId), name: events.typing, data: { who: 'agent', name: displayName, typing }, socketId }]);
}

export async function agentEnd(user: Staff, interactionId: string) {
  await requireStaffAccess(user, interactionId, 'act');
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

/** The agent's side of the page: state, open interactions, pending invitations. */
export async function workspace(user: Staff) {
  const [me, mine, invitations, settings, dispositions] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, name: true, agentStatus: true, notReadyReason: true, capacity: true } }),
    db.interaction.findMany({
      where: { participants: { some: { userId: user.id, leftAt: null, role: { in: ['OWNER', 'CONFERENCE'] } } }, status: { in: ['ACTIVE', 'ENDED'] } },
      orderBy: { acceptedAt: 'asc' },
      select: {
        id: true,
        status: true,
        createdAt: true,
        pendingSince: true,
        contactConnected: true,
        lastSeq: true,
        contactName: true,
        contact: { select: { name: true } },
        messages: { where: { visibility: 'EVERYONE', kind: 'TEXT' }, orderBy: { seq: 'desc' }, take: 3, select: { senderName: true, text: true } },
      },
    }),
    db.invitation.findMany({
      where: { targetUserId: user.id, status: 'PENDING', expiresAt: { gt: new Date() } },
      select: { id: true, interactionId: true, kind: true, expiresAt: true, interaction: { select: { subject: true, contactName: true, contact: { select: { name: true } }, queue: { select: { name: true } } } } },
    }),
    getSettings(),
    db.dispositionCode.findMany({ where: { retired: false }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } }),
  ]);
  const previews = await invitationPreviews(invitations.map((v) => v.id));
  return {
    me,
    timers: { yellowSec: settings.pendingYellowSec, redSec: settings.pendingRedSec },
    dispositionRequired: settings.dispositionRequired,
    dispositions,
    interactions: mine.map((i) => ({
      id: i.id,
      status: i.status,
      contactName: i.contactName || i.contact.name,
      createdAt: i.createdAt.toISOString(),
      pendingSince: i.pendingSince?.toISOString() ?? null,
      contactConnected: i.contactConnected,
      lastLines: i.messages.reverse().map((m) => `${m.senderName}: ${m.text}`),
    })),
    invitations: invitations.map((v) => ({
      invitationId: v.id,
      interactionId: v.interactionId,
      kind: v.kind,
      contactName: v.interaction.contactName || v.interaction.contact.name,
      subject: v.interaction.subject,
      queueName: v.interaction.queue.name,
      expiresAt: v.expiresAt.toISOString(),
      ...previews.get(v.id),
    })),
  };
}
export type Workspace = Awaited<ReturnType<typeof workspace>>;

/** One chat as its agent sees it: header, case data, transcript from a seq. */
export async function interactionDetail(user: Staff, interactionId: string, afterSeq = 0) {
  const access = await requireStaffAccess(user, interactionId, 'read');
  const i = await db.interaction.findUniqueOrThrow({
    where: { id: interactionId },
    select: {
      id: true,
      status: true,
      subject: true,
      createdAt: true,
      pendingSince: true,
      contactConnected: true,
      dispositionId: true,
      lastSeq: true,
      contactName: true,
      unverifiedMatch: true,
      contact: { select: { id: true, name: true, emails: { select: { email: true } }, phones: { select: { phone: true, label: true } } } },
      queue: { select: { name: true } },
    },
  });
  const [messages, caseData] = await Promise.all([listMessages({ interactionId, visibility: 'EVERYONE', afterSeq }), caseDataFor(interactionId)]);
  return {
    access,
    id: i.id,
    status: i.status,
    subject: i.subject,
    createdAt: i.createdAt.toISOString(),
    pendingSince: i.pendingSince?.toISOString() ?? null,
    contactConnected: i.contactConnected,
    dispositionId: i.dispositionId,
    lastSeq: i.lastSeq,
    queueName: i.queue.name,
    // What the contact typed; `contact` is the linked record, matched without verification when flagged.
    contactName: i.contactName || i.contact.name,
    unverifiedMatch: i.unverifiedMatch,
    contact: {
      id: i.contact.id,
      name: i.contact.name,
      emails: i.contact.emails.map((e) => e.email),
      phones: i.contact.phones.map((p) => p.phone),
    },
    caseData,
    messages,
  };
}
export type InteractionDetail = Awaited<ReturnType<typeof interactionDetail>>;

export async function transcriptSince(user: Staff, interactionId: string, afterSeq: number) {
  await requireStaffAccess(user, interactionId, 'read');
  return listMessages({ interactionId, visibility: 'EVERYONE', afterSeq });
}

/** Presence webhooks (C4): the contact's page joined or left its presence channel. */
export async function setContactConnected(interactionId: string, connected: boolean) {
  const { count } = await db.interaction.updateMany({ where: { id: interactionId, contactConnected: !connected }, data: { contactConnected: connected } });
  if (count === 0) return;
  await broadcast([{ channel: channels.chat(interactionId), name: events.contactState, data: { interactionId, connected } }]);
}
