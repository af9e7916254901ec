import 'server-only';
import type { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { broadcast, disconnectUser } from '@/lib/realtime/server';
import { channels, events, type InvitationResolvedEvent } from '@/lib/realtime/channels';
import { routeSoon } from '@/lib/routing/router';
import { auditedChange, lockRow, type Actor } from './common';
import { lockChats } from '@/lib/interactions/core/chat-store';
import type {
  groupSchema,
  groupUpdateSchema,
  passwordResetSchema,
  queueSchema,
  queueUpdateSchema,
  routingPointSchema,
  routingPointUpdateSchema,
  skillSchema,
  skillUpdateSchema,
  userCreateSchema,
  userUpdateSchema,
} from './schemas';
import { SILENT_SUPERVISING, SUPERVISING } from '@/lib/access/participant-roles';

// M4: the directory. Every write records its audit row in the same transaction (./common).

type Out<S extends z.ZodType> = z.output<S>;

// ------------------------------------------------------------------------------------------
// Users

/** What the audit log shows of a user: names rather than ids, and never the password hash. */
async function userSnapshot(tx: Tx, id: string) {
  const u = await tx.user.findUnique({
    where: { id },
    select: {
      email: true,
      name: true,
      role: true,
      nickname: true,
      capacity: true,
      active: true,
      group: { select: { name: true } },
      skills: { select: { skill: { select: { name: true } } }, orderBy: { skill: { name: 'asc' } } },
    },
  });
  if (!u) return null;
  return {
    email: u.email,
    name: u.name,
    role: u.role,
    group: u.group?.name ?? null,
    skills: u.skills.map((s) => s.skill.name),
    capacity: u.capacity,
    nickname: u.nickname,
    active: u.active,
  };
}

export async function listUsers() {
  const users = await db.user.findMany({
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      nickname: true,
      capacity: true,
      active: true,
      groupId: true,
      agentStatus: true,
      skills: { select: { skillId: true } },
    },
  });
  return users.map(({ skills, ...u }) => ({ ...u, skillIds: skills.map((s) => s.skillId) }));
}
export type AdminUser = Awaited<ReturnType<typeof listUsers>>[number];

export async function createUser(actor: Actor, input: Out<typeof userCreateSchema>) {
  const passwordHash = await hashPassword(input.password);
  return auditedChange(actor, async (tx) => {
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        role: input.role,
        groupId: input.groupId,
        capacity: input.capacity,
        nickname: input.nickname,
        // A new agent starts signed out, so routing does not count on them yet.
        agentStatus: 'LOGGED_OUT',
        skills: { create: input.skillIds.map((skillId) => ({ skillId })) },
      },
      select: { id: true },
    });
    return { result: { id: user.id }, audit: { action: 'user.create', target: `user:${user.id}`, before: null, after: await userSnapshot(tx, user.id) } };
  });
}

/** Live chats this user holds a visible part in (owner, conference, barge-in, consultation). */
function liveParticipations(tx: Tx, userId: string) {
  return tx.participant.count({
    where: { userId, leftAt: null, role: { notIn: [...SILENT_SUPERVISING] }, interaction: { status: { in: ['ACTIVE', 'ENDED'] } } },
  });
}

/**
 * A user leaving the floor (deactivated, or made admin): never orphan a chat. Offers waiting for
 * their answer are cancelled and the chats go back to their queue (routing offers them to someone
 * else); chats they hold are not taken from under them, so the change is refused until they have
 * finished or transferred them. Silent monitoring and coaching simply stop.
 *
 * Lock order matches accept/reject (interaction, then invitation), so a racing accept either wins
 * (and is then counted as a live chat) or finds its invitation cancelled.
 */
async function takeOffFloor(tx: Tx, userId: string) {
  const pending = await tx.invitation.findMany({ where: { targetUserId: userId, status: 'PENDING' }, select: { interactionId: true }, orderBy: { interactionId: 'asc' } });
  const chatIds = [...new Set(pending.map((p) => p.interactionId))];
  await lockChats(tx, chatIds);
  const cancelled = await tx.$queryRaw<{ id: string; interactionId: string; kind: string }[]>`
    UPDATE "Invitation" SET status = 'CANCELLED', "resolvedAt" = now()
    WHERE "targetUserId" = ${userId} AND status = 'PENDING'
    RETURNING id, "interactionId", kind::text AS kind`;
  const offered = cancelled.filter((c) => c.kind === 'OFFER').map((c) => c.interactionId);
  if (offered.length) await tx.interaction.updateMany({ where: { id: { in: offered }, status: 'OFFERED' }, data: { status: 'QUEUED' } });
  if ((await liveParticipations(tx, userId)) > 0) throw new AppError('userHasLiveChats');
  await tx.participant.updateMany({ where: { userId, leftAt: null, role: { in: [...SILENT_SUPERVISING] } }, data: { leftAt: new Date() } });
  return cancelled;
}

export async function updateUser(actor: Actor, input: Out<typeof userUpdateSchema>) {
  let cut = false;
  let cancelled: { id: string; interactionId: string; kind: string }[] = [];
  const result = await auditedChange(actor, async (tx) => {
    await lockRow(tx, 'User', input.id);
    const before = (await userSnapshot(tx, input.id))!;
    if (actor.id === input.id && (!input.active || input.role !== 'ADMIN')) throw new AppError('cannotChangeSelf');
    const deactivating = before.active && !input.active;
    const roleChanged = before.role !== input.role;
    if (deactivating || (roleChanged && input.role === 'ADMIN')) cancelled = await takeOffFloor(tx, input.id);
    // security round 2, defect 6: a supervisor moved to another role stops monitoring, coaching and barging in now.
    if (roleChanged && before.role === 'SUPERVISOR') {
      await tx.participant.updateMany({ where: { userId: input.id, leftAt: null, role: { in: [...SUPERVISING] } }, data: { leftAt: new Date() } });
    }
    cut = deactivating || roleChanged;
    await tx.user.update({
      where: { id: input.id },
      data: {
        name: input.name,
        role: input.role,
        groupId: input.groupId,
        capacity: input.capacity,
        nickname: input.nickname,
        active: input.active,
        ...(deactivating || input.role === 'ADMIN' ? { agentStatus: 'LOGGED_OUT' as const, notReadyReason: null } : {}),
        // security: a role change or deactivation ends every session (lib/auth/session-version.ts).
        ...(cut ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    await tx.userSkill.deleteMany({ where: { userId: input.id, skillId: { notIn: input.skillIds } } });
    await tx.userSkill.createMany({ data: input.skillIds.map((skillId) => ({ userId: input.id, skillId })), skipDuplicates: true });
    return { result: { id: input.id }, audit: { action: 'user.update', target: `user:${input.id}`, before, after: await userSnapshot(tx, input.id) } };
  });
  await afterFloorChange(input.id, cancelled, cut);
  return result;
}

async function afterFloorChange(userId: string, cancelled: { id: string; interactionId: string }[], cut: boolean) {
  if (cancelled.length) {
    await broadcast(
      cancelled.map((c) => ({
        channel: channels.user(userId),
        name: events.invitationResolved,
        data: { invitationId: c.id, interactionId: c.interactionId, status: 'CANCELLED' } satisfies InvitationResolvedEvent,
      })),
    );
    routeSoon();
  }
  // Their role or account changed: open pages hold channels authorized for the old one.
  if (cut) await disconnectUser(userId);
}

/** Deactivate or reactivate alone (the Users list's switch). */
export async function setUserActive(actor: Actor, id: string, active: boolean) {
  const u = await db.user.findUnique({ where: { id }, select: { name: true, role: true, groupId: true, capacity: true, nickname: true, skills: { select: { skillId: true } } } });
  if (!u) throw new AppError('notFound');
  return updateUser(actor, { id, active, name: u.name, role: u.role, groupId: u.groupId, capacity: u.capacity, nickname: u.nickname, skillIds: u.skills.map((s) => s.skillId) });
}

export async function resetPassword(actor: Actor, input: Out<typeof passwordResetSchema>) {
  const passwordHash = await hashPassword(input.password);
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'User', input.id);
    // security: a reset ends every session (lib/auth/session-version.ts).
    await tx.user.update({ where: { id: input.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    // The audit says that it changed, never what to.
    return { result: { id: input.id }, audit: { action: 'user.resetPassword', target: `user:${input.id}`, before: null, after: { password: 'reset' } } };
  });
}

export async function setUserNickname(actor: Actor, id: string, nickname: string | null) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'User', id);
    const before = await tx.user.findUniqueOrThrow({ where: { id }, select: { nickname: true } });
    const after = await tx.user.update({ where: { id }, data: { nickname }, select: { nickname: true } });
    return { result: { id }, audit: { action: 'user.nickname', target: `user:${id}`, before, after } };
  });
}

// ------------------------------------------------------------------------------------------
// Groups, skills

export async function createGroup(actor: Actor, input: Out<typeof groupSchema>) {
  return auditedChange(actor, async (tx) => {
    const g = await tx.group.create({ data: input });
    return { result: { id: g.id }, audit: { action: 'group.create', target: `group:${g.id}`, before: null, after: input } };
  });
}

export async function updateGroup(actor: Actor, input: Out<typeof groupUpdateSchema>) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'Group', input.id);
    const before = await tx.group.findUniqueOrThrow({ where: { id: input.id }, select: { name: true, genericNickname: true } });
    const after = await tx.group.update({ where: { id: input.id }, data: { name: input.name, genericNickname: input.genericNickname }, select: { name: true, genericNickname: true } });
    return { result: { id: input.id }, audit: { action: 'group.update', target: `group:${input.id}`, before, after } };
  });
}

export async function setGroupNickname(actor: Actor, id: string, genericNickname: string | null) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'Group', id);
    const before = await tx.group.findUniqueOrThrow({ where: { id }, select: { genericNickname: true } });
    const after = await tx.group.update({ where: { id }, data: { genericNickname }, select: { genericNickname: true } });
    return { result: { id }, audit: { action: 'group.nickname', target: `group:${id}`, before, after } };
  });
}

export async function deleteGroup(actor: Actor, id: string) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'Group', id);
    if ((await tx.user.count({ where: { groupId: id } })) > 0) throw new AppError('inUse');
    const before = await tx.group.delete({ where: { id }, select: { name: true, genericNickname: true } });
    return { result: { id }, audit: { action: 'group.delete', target: `group:${id}`, before, after: null } };
  });
}

export async function createSkill(actor: Actor, input: Out<typeof skillSchema>) {
  return auditedChange(actor, async (tx) => {
    const s = await tx.skill.create({ data: input });
    return { result: { id: s.id }, audit: { action: 'skill.create', target: `skill:${s.id}`, before: null, after: input } };
  });
}

export async function updateSkill(actor: Actor, input: Out<typeof skillUpdateSchema>) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'Skill', input.id);
    const before = await tx.skill.findUniqueOrThrow({ where: { id: input.id }, select: { name: true } });
    const after = await tx.skill.update({ where: { id: input.id }, data: { name: input.name }, select: { name: true } });
    return { result: { id: input.id }, audit: { action: 'skill.update', target: `skill:${input.id}`, before, after } };
  });
}

export async function deleteSkill(actor: Actor, id: string) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'Skill', id);
    const used = (await tx.userSkill.count({ where: { skillId: id } })) + (await tx.queue.count({ where: { skillId: id } })) + (await tx.routingPoint.count({ where: { skillId: id } }));
    if (used > 0) throw new AppError('inUse');
    const before = await tx.skill.delete({ where: { id }, select: { name: true } });
    return { result: { id }, audit: { action: 'skill.delete', target: `skill:${id}`, before, after: null } };
  });
}

// ------------------------------------------------------------------------------------------
// Queues, routing points

async function queueSnapshot(tx: Tx, id: string) {
  const q = await tx.queue.findUniqueOrThrow({ where: { id }, select: { name: true, isDefault: true, skill: { select: { name: true } } } });
  return { name: q.name, skill: q.skill?.name ?? null, isDefault: q.isDefault };
}

/** Exactly one default queue (where a chat goes when its entry names none): setting one unsets the others. */
async function makeDefault(tx: Tx, id: string) {
  await tx.$executeRaw`SELECT id FROM "Queue" WHERE "isDefault" FOR UPDATE`;
  await tx.queue.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
}

export async function createQueue(actor: Actor, input: Out<typeof queueSchema>) {
  return auditedChange(actor, async (tx) => {
    const q = await tx.queue.create({ data: { name: input.name, skillId: input.skillId, isDefault: false } });
    if (input.isDefault) {
      await makeDefault(tx, q.id);
      await tx.queue.update({ where: { id: q.id }, data: { isDefault: true } });
    }
    return { result: { id: q.id }, audit: { action: 'queue.create', target: `queue:${q.id}`, before: null, after: await queueSnapshot(tx, q.id) } };
  });
}

export async function updateQueue(actor: Actor, input: Out<typeof queueUpdateSchema>) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'Queue', input.id);
    const before = await queueSnapshot(tx, input.id);
    if (before.isDefault && !input.isDefault) throw new AppError('defaultQueueRequired');
    if (input.isDefault && !before.isDefault) await makeDefault(tx, input.id);
    await tx.queue.update({ where: { id: input.id }, data: { name: input.name, skillId: input.skillId, isDefault: input.isDefault } });
    return { result: { id: input.id }, audit: { action: 'queue.update', target: `queue:${input.id}`, before, after: await queueSnapshot(tx, input.id) } };
  });
}

export async function deleteQueue(actor: Actor, id: string) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'Queue', id);
    const before = await queueSnapshot(tx, id);
    if (before.isDefault) throw new AppError('defaultQueueRequired');
    if ((await tx.interaction.count({ where: { queueId: id } })) + (await tx.routingPoint.count({ where: { queueId: id } })) > 0) throw new AppError('inUse');
    await tx.queue.delete({ where: { id } });
    return { result: { id }, audit: { action: 'queue.delete', target: `queue:${id}`, before, after: null } };
  });
}

async function routingPointSnapshot(tx: Tx, id: string) {
  const r = await tx.routingPoint.findUniqueOrThrow({ where: { id }, select: { name: true, queue: { select: { name: true } }, skill: { select: { name: true } } } });
  return { name: r.name, queue: r.queue.name, skill: r.skill?.name ?? null };
}

async function requireQueue(tx: Tx, id: string) {
  if (!(await tx.queue.findUnique({ where: { id }, select: { id: true } }))) throw new AppError('invalidInput', 'unknown queue');
}
async function requireSkill(tx: Tx, id: string | null) {
  if (id && !(await tx.skill.findUnique({ where: { id }, select: { id: true } }))) throw new AppError('invalidInput', 'unknown skill');
}

export async function createRoutingPoint(actor: Actor, input: Out<typeof routingPointSchema>) {
  return auditedChange(actor, async (tx) => {
    await requireQueue(tx, input.queueId);
    await requireSkill(tx, input.skillId);
    const r = await tx.routingPoint.create({ data: input });
    return { result: { id: r.id }, audit: { action: 'routingPoint.create', target: `routingPoint:${r.id}`, before: null, after: await routingPointSnapshot(tx, r.id) } };
  });
}

export async function updateRoutingPoint(actor: Actor, input: Out<typeof routingPointUpdateSchema>) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'RoutingPoint', input.id);
    await requireQueue(tx, input.queueId);
    await requireSkill(tx, input.skillId);
    const before = await routingPointSnapshot(tx, input.id);
    await tx.routingPoint.update({ where: { id: input.id }, data: { name: input.name, queueId: input.queueId, skillId: input.skillId } });
    return { result: { id: input.id }, audit: { action: 'routingPoint.update', target: `routingPoint:${input.id}`, before, after: await routingPointSnapshot(tx, input.id) } };
  });
}

export async function deleteRoutingPoint(actor: Actor, id: string) {
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'RoutingPoint', id);
    const before = await routingPointSnapshot(tx, id);
    await tx.routingPoint.delete({ where: { id } });
    return { result: { id }, audit: { action: 'routingPoint.delete', target: `routingPoint:${id}`, before, after: null } };
  });
}

/** Everything the directory pages list. */
export async function directory() {
  const [users, groups, skills, queues, routingPoints] = await Promise.all([
    listUsers(),
    db.group.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, genericNickname: true, _count: { select: { users: true } } } }),
    db.skill.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.queue.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, isDefault: true, skillId: true } }),
    db.routingPoint.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, queueId: true, skillId: true } }),
  ]);
  return { users, groups: groups.map(({ _count, ...g }) => ({ ...g, members: _count.users })), skills, queues, routingPoints };
}
