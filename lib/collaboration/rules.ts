// Collaboration rules (T1–T5) as plain functions: the invitation state machine, who may invite
// and answer, ownership hand-over, and which agent a group/skill/queue/routing point reaches.
// No I/O here; lib/collaboration/*.ts apply these under the chat row lock.
import { LIVE_MEMBERS } from '@/lib/access/participant-roles';
import type { InvitationStatus } from '@/lib/interactions/core/lifecycle';

export type CollaborationKind = 'TRANSFER' | 'CONFERENCE' | 'CONSULTATION';
export const COLLABORATION_KINDS: readonly CollaborationKind[] = ['TRANSFER', 'CONFERENCE', 'CONSULTATION'];
export type TargetType = 'AGENT' | 'GROUP' | 'SKILL' | 'QUEUE' | 'ROUTING_POINT';
export const TARGET_TYPES: readonly TargetType[] = ['AGENT', 'GROUP', 'SKILL', 'QUEUE', 'ROUTING_POINT'];
export type MemberRole = 'OWNER' | 'CONFERENCE' | 'CONSULT';

// ---------------------------------------------------------------------------------------------
// The invitation state machine: pending → accepted | rejected | expired | cancelled, exactly once.

export type InvitationCommand =
  | { action: 'accept'; by: string }
  | { action: 'reject'; by: string }
  | { action: 'cancel'; by: string }
  | { action: 'expire' };

export type Refusal = 'notPending' | 'expired' | 'notYetExpired' | 'notTarget' | 'notInviter';

const OUTCOME: Record<InvitationCommand['action'], Exclude<InvitationStatus, 'PENDING'>> = {
  accept: 'ACCEPTED',
  reject: 'REJECTED',
  cancel: 'CANCELLED',
  expire: 'EXPIRED',
};

/**
 * The one outcome of a command on an invitation. Only a pending invitation moves, and only once:
 * the invited agent accepts or rejects before the deadline, its inviter cancels while it is
 * pending, the timer expires it at or after the deadline. The database applies the same rule as
 * a conditional UPDATE (status = 'PENDING' and the deadline), so racing commands leave one winner.
 */
export function decide(
  inv: { status: InvitationStatus; expiresAt: Date; targetUserId: string; inviterId: string | null },
  cmd: InvitationCommand,
  now: Date,
): { ok: true; status: Exclude<InvitationStatus, 'PENDING'> } | { ok: false; reason: Refusal } {
  if ((cmd.action === 'accept' || cmd.action === 'reject') && cmd.by !== inv.targetUserId) return { ok: false, reason: 'notTarget' };
  if (cmd.action === 'cancel' && cmd.by !== inv.inviterId) return { ok: false, reason: 'notInviter' };
  if (inv.status !== 'PENDING') return { ok: false, reason: 'notPending' };
  const late = now.getTime() >= inv.expiresAt.getTime();
  if ((cmd.action === 'accept' || cmd.action === 'reject') && late) return { ok: false, reason: 'expired' };
  if (cmd.action === 'expire' && !late) return { ok: false, reason: 'notYetExpired' };
  return { ok: true, status: OUTCOME[cmd.action] };
}

/** How long each kind of invitation waits for an answer (M1: admin settings). */
export function timeoutSec(kind: CollaborationKind, s: { transferTimeoutSec: number; conferenceTimeoutSec: number; consultTimeoutSec: number }): number {
  return kind === 'TRANSFER' ? s.transferTimeoutSec : kind === 'CONFERENCE' ? s.conferenceTimeoutSec : s.consultTimeoutSec;
}

/**
 * Only someone in the chat invites: its owner hands it on (transfer); the owner or a conference
 * member brings a colleague in (conference) or consults one; and only while the chat is live.
 */
export function mayInvite(kind: CollaborationKind, role: MemberRole | null, chatStatus: string): boolean {
  if (chatStatus !== 'ACTIVE' || !role || role === 'CONSULT') return false;
  return kind === 'TRANSFER' ? role === 'OWNER' : true;
}

// ---------------------------------------------------------------------------------------------
// Ownership: a chat always has exactly one owner while anyone is in it.

export interface Member {
  userId: string;
  role: MemberRole;
  joinedAt: Date;
}

export type HandOver =
  | { ok: true; leaving: string; newOwnerId: string | null }
  | { ok: false; reason: 'notMember' | 'lastMember' };

/**
 * A member leaves a chat (T3 "ends their part"). The owner's leaving passes ownership to the
 * conference member who joined first; whoever stays last owns it. The last member cannot leave
 * (they end the chat and Mark Done instead), so a chat is never left without an owner.
 * Consultation targets are not members of the chat and never own it.
 */
export function leave(members: readonly Member[], userId: string): HandOver {
  const live = members.filter((m) => (LIVE_MEMBERS as readonly string[]).includes(m.role));
  const me = live.find((m) => m.userId === userId);
  if (!me) return { ok: false, reason: 'notMember' };
  const others = live.filter((m) => m.userId !== userId);
  if (others.length === 0) return { ok: false, reason: 'lastMember' };
  if (me.role !== 'OWNER') return { ok: true, leaving: userId, newOwnerId: null };
  const heir = [...others].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.userId.localeCompare(b.userId))[0]!;
  return { ok: true, leaving: userId, newOwnerId: heir.userId };
}

/**
 * An accepted transfer: the target becomes the only owner; the previous owner leaves. Conference
 * members stay. Refused if the inviter no longer owns the chat (ownership moved meanwhile).
 */
export function transfer(members: readonly Member[], from: string, to: string): { ok: true; leaving: string; newOwnerId: string } | { ok: false; reason: 'notOwner' | 'alreadyMember' } {
  const owner = members.find((m) => m.role === 'OWNER');
  if (!owner || owner.userId !== from) return { ok: false, reason: 'notOwner' };
  if (members.some((m) => m.userId === to && m.role !== 'CONSULT')) return { ok: false, reason: 'alreadyMember' };
  return { ok: true, leaving: from, newOwnerId: to };
}

// ---------------------------------------------------------------------------------------------
// Target resolution (T2, T5).

export interface Candidate {
  id: string;
  status: 'READY' | 'NOT_READY' | 'LOGGED_OUT';
  capacity: number;
  /** Live chats owned or conferenced, plus pending offers/transfers/conferences (routing's count). */
  load: number;
  idleSince: Date;
  groupId: string | null;
  skillIds: readonly string[];
}

/** What a target means once looked up: a person, or a rule an agent must match. */
export type Resolved =
  | { type: 'AGENT'; userId: string }
  | { type: 'GROUP'; groupId: string }
  /** A skill, a queue (its skill, or anyone when it has none) or a routing point (its queue's). */
  | { type: 'SKILL'; skillId: string | null };

export function freeCapacity(c: Pick<Candidate, 'capacity' | 'load'>): number {
  return Math.max(0, c.capacity - c.load);
}

/**
 * The agent a target reaches, or null (T5: "no available agent"). A named agent must be signed in
 * (Ready or Not Ready) and, for a transfer or conference, have room for one more chat. A group,
 * skill, queue or routing point reaches the Ready matching agent with free capacity who has been
 * idle longest. People already in the chat or already invited to it are never picked.
 */
export function pickAgent(candidates: readonly Candidate[], target: Resolved, kind: CollaborationKind, exclude: ReadonlySet<string>): string | null {
  const needsRoom = kind !== 'CONSULTATION';
  if (target.type === 'AGENT') {
    const c = candidates.find((x) => x.id === target.userId);
    if (!c || exclude.has(c.id) || c.status === 'LOGGED_OUT') return null;
    if (needsRoom && freeCapacity(c) <= 0) return null;
    return c.id;
  }
  const matches = (c: Candidate) => (target.type === 'GROUP' ? c.groupId === target.groupId : target.skillId === null || c.skillIds.includes(target.skillId));
  const pool = candidates
    .filter((c) => !exclude.has(c.id) && c.status === 'READY' && (!needsRoom || freeCapacity(c) > 0) && matches(c))
    .sort((a, b) => a.idleSince.getTime() - b.idleSince.getTime() || a.id.localeCompare(b.id));
  return pool[0]?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Team Communicator: recent targets first.

export interface TargetRef {
  type: TargetType;
  ref: string;
}

export const RECENT_MAX = 5;

/** The recent list after using `used`: it moves to the front, no duplicates, at most RECENT_MAX. */
export function pushRecent(recent: readonly TargetRef[], used: TargetRef): TargetRef[] {
  return [used, ...recent.filter((r) => !(r.type === used.type && r.ref === used.ref))].slice(0, RECENT_MAX);
}
