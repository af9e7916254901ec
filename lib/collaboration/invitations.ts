import 'server-only';
import { revokeChatChannels } from '@/lib/realtime/revoke';
import { attachMonitorNext } from '@/lib/supervisor/supervision';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { broadcast, type Broadcast } from '@/lib/realtime/server';
import { channels, events, messageChannels, type InvitationEvent, type InvitationResolvedEvent, type MessageDto } from '@/lib/realtime/channels';
import { getSettings } from '@/lib/settings/settings';
import { routeSoon } from '@/lib/routing/router';
import { acceptInvitation, rejectInvitation } from '@/lib/interactions/staff/offers';
import { nicknameOf } from '@/lib/interactions/staff/agent-state';
import { appendMessage } from '@/lib/interactions/core/messages';
import type { Staff } from '@/lib/interactions/core/access';
import { COLLABORATION_KINDS, decide, leave, mayInvite, pickAgent, timeoutSec, transfer, type CollaborationKind, type Member, type TargetType } from './rules';
import { candidates, resolveTarget } from './targets';
import { lockChat, lockRouting } from '@/lib/interactions/core/chat-store';
import { LIVE_MEMBERS, STAFF_MEMBERS } from '@/lib/access/participant-roles';

// Transfer (T2), conference (T3) and consultation (T4) invitations. Every writer locks the chat
// row first, then its invitations (the order of lib/interactions/staff/offers.ts), and each
// invitation leaves PENDING through one conditional UPDATE, so racing answers get one outcome.


interface ChatRow {
  id: string;
  status: string;
  subject: string;
  contactName: string;
  queueName: string;
}

/** Locks the chat (chat-store.ts's lock order) and reads what an invitation shows of it. */
async function lockChatRow(tx: Tx, interactionId: string): Promise<ChatRow> {
  if (!(await lockChat(tx, interactionId))) throw new AppError('notFound');
  const [row] = await tx.$queryRaw<ChatRow[]>`
    SELECT i.id, i.status::text AS status, i.subject, c.name AS "contactName", q.name AS "queueName"
    FROM "Interaction" i JOIN "Contact" c ON c.id = i."contactId" JOIN "Queue" q ON q.id = i."queueId"
    WHERE i.id = ${interactionId}`;
  return row!;
}

async function membersOf(tx: Tx | typeof db, interactionId: string): Promise<(Member & { displayName: string })[]> {
  const rows = await tx.participant.findMany({
    where: { interactionId, leftAt: null, role: { in: [...STAFF_MEMBERS] } },
    select: { userId: true, role: true, joinedAt: true, displayName: true },
  });
  return rows.map((r) => ({ userId: r.userId, role: r.role as Member['role'], joinedAt: r.joinedAt, displayName: r.displayName }));
}

/** The chat's last contact-visible lines: what an invitation shows before it is accepted. */
export async function previewLines(client: Tx | typeof db, interactionId: string): Promise<string[]> {
  const rows = await client.message.findMany({
    where: { interactionId, visibility: 'EVERYONE', kind: 'TEXT' },
    orderBy: { seq: 'desc' },
    take: 3,
    select: { senderName: true, text: true },
  });
  return rows.reverse().map((m) => `${m.senderName}: ${m.text.slice(0, 200)}`);
}

/** Previews for a list of pending invitations (the workspace re-read after a reload). */
export async function invitationPreviews(invitationIds: string[]): Promise<Map<string, { inviterName?: string; lastLines?: string[] }>> {
  const out = new Map<string, { inviterName?: string; lastLines?: string[] }>();
  if (invitationIds.length === 0) return out;
  const invs = await db.invitation.findMany({
    where: { id: { in: invitationIds }, kind: { in: [...COLLABORATION_KINDS] } },
    select: { id: true, interactionId: true, inviter: { select: { name: true } } },
  });
  await Promise.all(invs.map(async (v) => out.set(v.id, { inviterName: v.inviter?.name ?? '', lastLines: await previewLines(db, v.interactionId) })));
  return out;
}

async function userName(id: string | null): Promise<string> {
  if (!id) return '';
  const u = await db.user.findUnique({ where: { id }, select: { name: true } });
  return u?.name ?? '';
}

export interface InviteInput {
  interactionId: string;
  kind: CollaborationKind;
  targetType: TargetType;
  targetRef: string;
}

/**
 * Invites a colleague into this chat. A group, skill, queue or routing point reaches the available
 * matching agent (longest idle, free capacity), decided under routing's lock so two invitations
 * and a routing pass never fill the same seat; none available → noAgentAvailable, nothing stored.
 */
export async function invite(user: Staff, input: InviteInput) {
  const settings = await getSettings();
  const made = await db.$transaction(async (tx) => {
    await lockRouting(tx);
    const chat = await lockChatRow(tx, input.interactionId);
    const members = await membersOf(tx, input.interactionId);
    const mine = members.find((m) => m.userId === user.id && m.role !== 'CONSULT');
    if (!mine) throw new AppError(user.role === 'SUPERVISOR' ? 'forbidden' : 'notFound');
    if (!mayInvite(input.kind, mine.role, chat.status)) throw new AppError(chat.status === 'ACTIVE' ? 'forbidden' : 'chatClosed');
    const pending = await tx.invitation.findMany({
      where: { interactionId: input.interactionId, status: 'PENDING', kind: { in: [...COLLABORATION_KINDS] } },
      select: { kind: true, inviterId: true, targetUserId: true },
    });
    if (pending.some((p) => p.kind === input.kind && p.inviterId === user.id)) throw new AppError('alreadyInvited');
    const { resolved } = await resolveTarget(tx, input.targetType, input.targetRef);
    const exclude = new Set([user.id, ...members.map((m) => m.userId), ...pending.map((p) => p.targetUserId)]);
    const targetUserId = pickAgent(await candidates(tx), resolved, input.kind, exclude);
    if (!targetUserId) throw new AppError('noAgentAvailable');
    const expiresAt = new Date(Date.now() + timeoutSec(input.kind, settings) * 1000);
    const inv = await tx.invitation.create({
      data: { interactionId: input.interactionId, kind: input.kind, targetType: input.targetType, targetRef: input.targetRef, targetUserId, inviterId: user.id, expiresAt },
      select: { id: true },
    });
    return { chat, invitationId: inv.id, targetUserId, expiresAt, lastLines: await previewLines(tx, input.interactionId) };
  });
  const [inviterName, targetName] = await Promise.all([userName(user.id), userName(made.targetUserId)]);
  const event: InvitationEvent = {
    invitationId: made.invitationId,
    interactionId: input.interactionId,
    kind: input.kind,
    contactName: made.chat.contactName,
    subject: made.chat.subject,
    queueName: made.chat.queueName,
    expiresAt: made.expiresAt.toISOString(),
    inviterName,
    lastLines: made.lastLines,
  };
  await broadcast([{ channel: channels.user(made.targetUserId), name: events.invitation, data: event }]);
  return { invitationId: made.invitationId, kind: input.kind, targetName, expiresAt: made.expiresAt.toISOString() };
}

type Resolution = InvitationResolvedEvent['status'];

function resolvedNotices(inv: { id: string; interactionId: string; kind: CollaborationKind; targetUserId: string; inviterId: string | null }, status: Resolution, targetName: string): Broadcast[] {
  const data: InvitationResolvedEvent = { invitationId: inv.id, interactionId: inv.interactionId, status, kind: inv.kind, targetName };
  const out: Broadcast[] = [{ channel: channels.user(inv.targetUserId), name: events.invitationResolved, data }];
  if (inv.inviterId) out.push({ channel: channels.user(inv.inviterId), name: events.invitationResolved, data });
  return out;
}

async function collaborationInvitation(user: Staff, invitationId: string) {
  const inv = await db.invitation.findFirst({
    where: { id: invitationId, kind: { in: [...COLLABORATION_KINDS] } },
    select: { id: true, interactionId: true, kind: true, status: true, expiresAt: true, targetUserId: true, inviterId: true },
  });
  // Someone else's invitation does not exist for this caller.
  if (!inv || (inv.targetUserId !== user.id && inv.inviterId !== user.id)) throw new AppError('notFound');
  return { ...inv, kind: inv.kind as CollaborationKind };
}

/** Accept any invitation: a routing offer (lib/interactions) or a transfer/conference/consultation. */
export async function acceptAny(user: Staff, invitationId: string) {
  const kind = await db.invitation.findFirst({ where: { id: invitationId, targetUserId: user.id }, select: { kind: true } });
  if (!kind) throw new AppError('notFound');
  return kind.kind === 'OFFER' ? acceptInvitation(user, invitationId) : acceptCollaboration(user, invitationId);
}

export async function rejectAny(user: Staff, invitationId: string) {
  const kind = await db.invitation.findFirst({ where: { id: invitationId, targetUserId: user.id }, select: { kind: true } });
  if (!kind) throw new AppError('notFound');
  return kind.kind === 'OFFER' ? rejectInvitation(user, invitationId) : answerNo(user, invitationId, 'reject');
}

export async function acceptCollaboration(user: Staff, invitationId: string) {
  const inv = await collaborationInvitation(user, invitationId);
  const verdict = decide(inv, { action: 'accept', by: user.id }, new Date());
  if (!verdict.ok) throw new AppError(verdict.reason === 'notTarget' ? 'notFound' : 'invitationGone');
  const displayName = await nicknameOf(user.id);
  const result = await db.$transaction(async (tx) => {
    const chat = await lockChatRow(tx, inv.interactionId);
    const won = await tx.invitation.updateMany({
      where: { id: inv.id, status: 'PENDING', targetUserId: user.id, expiresAt: { gt: new Date() } },
      data: { status: 'ACCEPTED', resolvedAt: new Date() },
    });
    if (won.count === 0) return { gone: true as const };
    const members = await membersOf(tx, inv.interactionId);
    if (chat.status !== 'ACTIVE' || !members.some((m) => m.userId === inv.inviterId && m.role !== 'CONSULT')) {
      // The chat ended or its inviter left meanwhile: nothing to join any more.
      await tx.invitation.update({ where: { id: inv.id }, data: { status: 'CANCELLED', resolvedAt: new Date() } });
      return { gone: true as const };
    }
    const messages: MessageDto[] = [];
    let previousOwner: string | null = null;
    if (inv.kind === 'TRANSFER') {
      const t = transfer(members, inv.inviterId!, user.id);
      if (!t.ok) {
        await tx.invitation.update({ where: { id: inv.id }, data: { status: 'CANCELLED', resolvedAt: new Date() } });
        return { gone: true as const };
      }
      previousOwner = t.leaving;
      const leaving = members.find((m) => m.userId === t.leaving)!;
      const now = new Date();
      await tx.participant.updateMany({ where: { interactionId: inv.interactionId, userId: t.leaving, leftAt: null, role: 'OWNER' }, data: { leftAt: now } });
      await tx.participant.create({ data: { interactionId: inv.interactionId, userId: user.id, role: 'OWNER', displayName } });
      await tx.interaction.update({ where: { id: inv.interactionId }, data: { ownerId: user.id } });
      await tx.user.update({ where: { id: t.leaving }, data: { idleSince: now } });
      // Whatever the old owner still had pending on this chat goes with them.
      await tx.invitation.updateMany({ where: { interactionId: inv.interactionId, inviterId: t.leaving, status: 'PENDING' }, data: { status: 'CANCELLED', resolvedAt: now } });
      for (const [event, name] of [['left', leaving.displayName], ['joined', displayName]] as const) {
        const { message } = await appendMessage({ interactionId: inv.interactionId, senderType: 'SYSTEM', senderName: '', senderUserId: user.id, event, eventData: { name }, allowedStatuses: ['ACTIVE'] }, tx);
        messages.push(message);
      }
    } else if (inv.kind === 'CONFERENCE') {
      await tx.participant.create({ data: { interactionId: inv.interactionId, userId: user.id, role: 'CONFERENCE', displayName } });
      const { message } = await appendMessage({ interactionId: inv.interactionId, senderType: 'SYSTEM', senderName: '', senderUserId: user.id, event: 'joined', eventData: { name: displayName }, allowedStatuses: ['ACTIVE'] }, tx);
      messages.push(message);
    } else {
      await tx.participant.create({ data: { interactionId: inv.interactionId, userId: user.id, role: 'CONSULT', displayName } });
      const { message } = await appendMessage(
        { interactionId: inv.interactionId, visibility: 'INTERNAL', thread: 'consultation', senderType: 'SYSTEM', senderName: '', senderUserId: user.id, event: 'joined', eventData: { name: displayName }, allowedStatuses: ['ACTIVE'] },
        tx,
      );
      messages.push(message);
    }
    return { gone: false as const, messages, previousOwner };
  });
  if (result.gone) throw new AppError('invitationGone');
  const targetName = await userName(user.id);
  const items: Broadcast[] = result.messages.flatMap((m) => messageChannels(m).map((channel) => ({ channel, name: events.message, data: m })));
  items.push(...resolvedNotices(inv, 'ACCEPTED', targetName));
  items.push({ channel: channels.user(user.id), name: events.workspace, data: { interactionId: inv.interactionId, reason: 'assigned' } });
  if (result.previousOwner) items.push({ channel: channels.user(result.previousOwner), name: events.workspace, data: { interactionId: inv.interactionId, reason: 'removed' } });
  await broadcast(items);
  // The transferring agent has left the chat: their live subscription to it goes too.
  if (result.previousOwner) await revokeChatChannels([result.previousOwner]);
  // A supervisor following this agent's next chats (S4) follows the one just taken on.
  if (inv.kind === 'TRANSFER' || inv.kind === 'CONFERENCE') await attachMonitorNext(user.id, inv.interactionId);
  if (result.previousOwner) routeSoon();
  return { interactionId: inv.interactionId, kind: inv.kind };
}

/** A rejection by the invited agent, or a cancel by the inviter: one conditional UPDATE each. */
export async function answerNo(user: Staff, invitationId: string, action: 'reject' | 'cancel') {
  const inv = await collaborationInvitation(user, invitationId);
  const verdict = decide(inv, { action, by: user.id }, new Date());
  if (!verdict.ok) throw new AppError(verdict.reason === 'notTarget' || verdict.reason === 'notInviter' ? 'notFound' : 'invitationGone');
  const won = await db.$transaction(async (tx) => {
    await lockChatRow(tx, inv.interactionId);
    const { count } = await tx.invitation.updateMany({
      where:
        action === 'reject'
          ? { id: inv.id, status: 'PENDING', targetUserId: user.id, expiresAt: { gt: new Date() } }
          : { id: inv.id, status: 'PENDING', inviterId: user.id },
      data: { status: verdict.status, resolvedAt: new Date() },
    });
    return count === 1;
  });
  if (!won) throw new AppError('invitationGone');
  await broadcast(resolvedNotices(inv, verdict.status as Resolution, await userName(inv.targetUserId)));
  return { invitationId: inv.id, status: verdict.status };
}

/**
 * The timer for transfer, conference and consultation invitations (run by lib/routing/timers.ts on
 * every app instance): each due one is expired by a conditional UPDATE under the chat row lock,
 * so a racing accept or cancel and other instances' sweeps leave exactly one outcome.
 */
export async function expireDueCollaborations(): Promise<number> {
  const due = await db.invitation.findMany({
    where: { status: 'PENDING', kind: { in: [...COLLABORATION_KINDS] }, expiresAt: { lte: new Date() } },
    select: { id: true, interactionId: true, kind: true, targetUserId: true, inviterId: true },
    take: 200,
  });
  const notices: Broadcast[] = [];
  for (const d of due) {
    const won = await db.$transaction(async (tx) => {
      await lockChat(tx, d.interactionId);
      const { count } = await tx.invitation.updateMany({
        where: { id: d.id, status: 'PENDING', expiresAt: { lte: new Date() } },
        data: { status: 'EXPIRED', resolvedAt: new Date() },
      });
      return count === 1;
    });
    if (won) notices.push(...resolvedNotices({ ...d, kind: d.kind as CollaborationKind }, 'EXPIRED', await userName(d.targetUserId)));
  }
  await broadcast(notices);
  return notices.length;
}

/**
 * T3: a member ends their part. The owner's leaving hands the chat to the conference member who
 * joined first; the last member cannot leave. Two members leaving at once serialise on the chat
 * row, so the second sees itself alone and is refused: the chat keeps one owner.
 */
export async function leaveChat(user: Staff, interactionId: string, opts: { activeOnly?: boolean } = {}) {
  const out = await db.$transaction(async (tx) => {
    const chat = await lockChatRow(tx, interactionId);
    if (chat.status !== 'ACTIVE' && (opts.activeOnly || chat.status !== 'ENDED')) throw new AppError('chatClosed');
    const members = await membersOf(tx, interactionId);
    const r = leave(members, user.id);
    if (!r.ok) throw new AppError(r.reason === 'lastMember' ? 'lastMember' : user.role === 'SUPERVISOR' ? 'forbidden' : 'notFound');
    const me = members.find((m) => m.userId === user.id && m.role !== 'CONSULT')!;
    const now = new Date();
    await tx.participant.updateMany({ where: { interactionId, userId: user.id, leftAt: null, role: { in: [...LIVE_MEMBERS] } }, data: { leftAt: now } });
    if (r.newOwnerId) {
      await tx.participant.updateMany({ where: { interactionId, userId: r.newOwnerId, leftAt: null, role: 'CONFERENCE' }, data: { role: 'OWNER' } });
      await tx.interaction.update({ where: { id: interactionId }, data: { ownerId: r.newOwnerId } });
    }
    await tx.user.update({ where: { id: user.id }, data: { idleSince: now } });
    const cancelled = await tx.invitation.findMany({ where: { interactionId, inviterId: user.id, status: 'PENDING' }, select: { id: true, interactionId: true, kind: true, targetUserId: true, inviterId: true } });
    await tx.invitation.updateMany({ where: { id: { in: cancelled.map((c) => c.id) } }, data: { status: 'CANCELLED', resolvedAt: now } });
    const { message } = await appendMessage(
      { interactionId, senderType: 'SYSTEM', senderName: '', senderUserId: user.id, event: 'left', eventData: { name: me.displayName }, allowedStatuses: ['ACTIVE', 'ENDED'] },
      tx,
    );
    return { message, newOwnerId: r.newOwnerId, cancelled };
  });
  const items: Broadcast[] = [
    { channel: channels.chat(interactionId), name: events.message, data: out.message },
    { channel: channels.user(user.id), name: events.workspace, data: { interactionId, reason: 'removed' } },
  ];
  if (out.newOwnerId) items.push({ channel: channels.user(out.newOwnerId), name: events.workspace, data: { interactionId, reason: 'assigned' } });
  for (const c of out.cancelled) items.push(...resolvedNotices({ ...c, kind: c.kind as CollaborationKind }, 'CANCELLED', ''));
  await broadcast(items);
  await revokeChatChannels([user.id]);
  routeSoon();
  return { interactionId, newOwnerId: out.newOwnerId };
}

/** What the inviter's view shows: their pending invitations on this chat and the recent outcomes. */
export async function collaborationState(user: Staff, interactionId: string) {
  const since = new Date(Date.now() - 15 * 60 * 1000);
  const [invs, members] = await Promise.all([
    db.invitation.findMany({
      where: { interactionId, inviterId: user.id, kind: { in: [...COLLABORATION_KINDS] }, OR: [{ status: 'PENDING' }, { resolvedAt: { gt: since } }] },
      orderBy: { createdAt: 'asc' },
      select: { id: true, kind: true, status: true, expiresAt: true, resolvedAt: true, targetUser: { select: { name: true } } },
    }),
    membersOf(db, interactionId),
  ]);
  return {
    invitations: invs.map((v) => ({
      invitationId: v.id,
      kind: v.kind as CollaborationKind,
      status: v.status,
      targetName: v.targetUser.name,
      expiresAt: v.expiresAt.toISOString(),
      resolvedAt: v.resolvedAt?.toISOString() ?? null,
    })),
    members: members.map((m) => ({ userId: m.userId, role: m.role, name: m.displayName })),
  };
}
export type CollaborationState = Awaited<ReturnType<typeof collaborationState>>;
