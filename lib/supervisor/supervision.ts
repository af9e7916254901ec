import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { SUPERVISORS, assertRole, type Staff } from '@/lib/access/staff-roles';
import { nicknameOf } from '@/lib/interactions/staff/agent-state';
import { appendMessage } from '@/lib/interactions/core/messages';
import { broadcast, type Broadcast } from '@/lib/realtime/server';
import { channels, events, type MessageDto, type SupervisionAttachedEvent, type SupervisionEvent, type SupervisionMode } from '@/lib/realtime/channels';
import { getSettings } from '@/lib/settings/settings';
import { logger } from '@/lib/log';
import { boardTouch } from './publish';
import { modeChange } from './modes';
import { lockChat } from '@/lib/interactions/core/chat-store';
import { STAFF_MEMBERS, SUPERVISING } from '@/lib/access/participant-roles';

// Monitor (S4), coach (S5), barge in (S6), monitor next (S4) and help requests (S7).
// A supervisor's part in a chat is one Participant row (role MONITOR, COACH or BARGE_IN) that a
// mode switch updates in place; the contact's page, channel and API never list participants, and
// only barge-in writes anything to the contact's stream ("<nickname> joined" / "left").

// These functions re-check the caller's role (lib/access/README.md): for them the role is the
// whole relation to the chat, so without it any staff member could join one.
const requireSupervisor = (user: Staff) => assertRole(user, SUPERVISORS);

export async function supervise(user: Staff, interactionId: string, mode: SupervisionMode) {
  requireSupervisor(user);
  const displayName = await nicknameOf(user.id);
  const result = await db.$transaction(async (tx) => {
    const chat = await lockChat(tx, interactionId);
    if (!chat) throw new AppError('notFound');
    const mine = await tx.participant.findMany({ where: { interactionId, userId: user.id, leftAt: null }, select: { id: true, role: true } });
    // The chat's own agent (a supervisor can also take chats) handles it rather than supervising it.
    if (mine.some((p) => (STAFF_MEMBERS as readonly string[]).includes(p.role))) throw new AppError('conflict');
    const current = mine.find((p) => (SUPERVISING as readonly string[]).includes(p.role));
    const change = modeChange(chat.status, (current?.role as SupervisionMode | undefined) ?? null, mode);
    if (!change.ok) throw new AppError(change.reason === 'closed' ? 'chatClosed' : 'conflict');
    if (current) await tx.participant.update({ where: { id: current.id }, data: { role: mode } });
    else await tx.participant.create({ data: { interactionId, userId: user.id, role: mode, displayName } });
    const messages: MessageDto[] = [];
    for (const event of change.announce) {
      const { message } = await appendMessage(
        { interactionId, senderType: 'SYSTEM', senderName: '', senderUserId: user.id, event, eventData: { name: displayName }, allowedStatuses: ['ACTIVE'] },
        tx,
      );
      messages.push(message);
    }
    // S7: a supervisor looking at the chat answers its help request.
    const cleared = await tx.interaction.updateMany({ where: { id: interactionId, helpRequestedAt: { not: null } }, data: { helpRequestedAt: null } });
    return { messages, cleared: cleared.count > 0 };
  });
  await afterChange(interactionId, result.messages);
  if (result.cleared) boardTouch({ chats: [interactionId] });
  return { interactionId, mode };
}

export async function stopSupervising(user: Staff, interactionId: string) {
  requireSupervisor(user);
  const messages = await db.$transaction(async (tx) => {
    const chat = await lockChat(tx, interactionId);
    if (!chat) throw new AppError('notFound');
    const current = await tx.participant.findFirst({ where: { interactionId, userId: user.id, leftAt: null, role: { in: [...SUPERVISING] } } });
    if (!current) return [];
    await tx.participant.update({ where: { id: current.id }, data: { leftAt: new Date() } });
    if (current.role !== 'BARGE_IN' || chat.status !== 'ACTIVE') return [];
    const { message } = await appendMessage(
      { interactionId, senderType: 'SYSTEM', senderName: '', senderUserId: user.id, event: 'left', eventData: { name: current.displayName }, allowedStatuses: ['ACTIVE'] },
      tx,
    );
    return [message];
  });
  await afterChange(interactionId, messages);
  return { interactionId };
}

async function afterChange(interactionId: string, messages: MessageDto[]) {
  const items: Broadcast[] = messages.map((m) => ({ channel: channels.chat(interactionId), name: events.message, data: m }));
  // The agent learns of supervision only when the admin says so (off = silent monitoring).
  if ((await getSettings()).monitoringVisible) {
    items.push({ channel: channels.internal(interactionId), name: events.supervision, data: await supervisionOf(interactionId) });
  }
  await broadcast(items);
}

/** What the chat's agent is told about supervision (nothing unless monitoringVisible). */
export async function supervisionOf(interactionId: string): Promise<SupervisionEvent> {
  const settings = await getSettings();
  if (!settings.monitoringVisible) return { interactionId, monitored: false };
  const n = await db.participant.count({ where: { interactionId, leftAt: null, role: { in: [...SUPERVISING] } } });
  return { interactionId, monitored: n > 0 };
}

/** The chats this supervisor is in, with their mode: the page re-opens them after a reload. */
export async function mySessions(user: Staff) {
  requireSupervisor(user);
  const rows = await db.participant.findMany({
    where: { userId: user.id, leftAt: null, role: { in: [...SUPERVISING] }, interaction: { status: { not: 'DONE' } } },
    orderBy: { joinedAt: 'asc' },
    select: { role: true, interaction: { select: { id: true, contact: { select: { name: true } } } } },
  });
  return rows.map((r) => ({ interactionId: r.interaction.id, mode: r.role as SupervisionMode, contactName: r.interaction.contact.name }));
}
export type SupervisorSession = Awaited<ReturnType<typeof mySessions>>[number];

// ---------------------------------------------------------------------------------------------
// Monitor next (S4)

export async function setMonitorNext(user: Staff, agentId: string, on: boolean) {
  requireSupervisor(user);
  const agent = await db.user.findFirst({ where: { id: agentId, active: true, role: { in: ['AGENT', 'SUPERVISOR'] } }, select: { id: true } });
  if (!agent || agent.id === user.id) throw new AppError('notFound');
  if (on) await db.monitorNext.upsert({ where: { supervisorId_agentId: { supervisorId: user.id, agentId } }, create: { supervisorId: user.id, agentId }, update: {} });
  else await db.monitorNext.deleteMany({ where: { supervisorId: user.id, agentId } });
  return { agentId, on };
}

export async function monitorNextList(user: Staff): Promise<string[]> {
  requireSupervisor(user);
  return (await db.monitorNext.findMany({ where: { supervisorId: user.id }, select: { agentId: true } })).map((r) => r.agentId);
}

/**
 * Called when `agentId` accepts a chat: every supervisor monitoring that agent's next chats joins
 * it in monitor mode (silently: nothing on the contact's stream) and is told on their own channel.
 */
export async function attachMonitorNext(agentId: string, interactionId: string): Promise<string[]> {
  try {
    return await attach(agentId, interactionId);
  } catch (e) {
    // The accept has happened; a failure here must not be reported as a failed accept.
    logger.warn('monitor next: attach failed', { error: String(e), agentId, interactionId });
    return [];
  }
}

async function attach(agentId: string, interactionId: string): Promise<string[]> {
  const watchers = await db.monitorNext.findMany({ where: { agentId }, select: { supervisorId: true } });
  const attached: string[] = [];
  for (const { supervisorId } of watchers) {
    const already = await db.participant.findFirst({ where: { interactionId, userId: supervisorId, leftAt: null }, select: { id: true } });
    if (already) continue;
    await db.participant.create({ data: { interactionId, userId: supervisorId, role: 'MONITOR', displayName: await nicknameOf(supervisorId) } });
    attached.push(supervisorId);
  }
  if (attached.length === 0) return attached;
  await broadcast(
    attached.map((id) => ({
      channel: channels.user(id),
      name: events.supervision,
      data: { interactionId, mode: 'MONITOR', agentId } satisfies SupervisionAttachedEvent,
    })),
  );
  if ((await getSettings()).monitoringVisible) {
    await broadcast([{ channel: channels.internal(interactionId), name: events.supervision, data: await supervisionOf(interactionId) }]);
  }
  return attached;
}

// ---------------------------------------------------------------------------------------------
// Ask for help (S7)

/** The chat's agent (caller checked by the action: a live owner or conference participant). */
export async function setHelpRequest(interactionId: string, on: boolean) {
  const { count } = await db.interaction.updateMany({
    where: { id: interactionId, status: { in: ['ACTIVE', 'ENDED'] } },
    data: { helpRequestedAt: on ? new Date() : null },
  });
  if (count === 0) throw new AppError('chatClosed');
  boardTouch({ chats: [interactionId] });
  return { interactionId, on };
}

export async function helpRequested(interactionId: string): Promise<boolean> {
  const row = await db.interaction.findUnique({ where: { id: interactionId }, select: { helpRequestedAt: true } });
  return !!row?.helpRequestedAt;
}
