// The interaction and invitation state machines, as plain rules (no I/O).
export type InteractionStatus = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'ENDED' | 'DONE';
export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED';

const next: Record<InteractionStatus, readonly InteractionStatus[]> = {
  QUEUED: ['OFFERED', 'ENDED'],
  OFFERED: ['ACTIVE', 'QUEUED', 'ENDED'],
  ACTIVE: ['ENDED'],
  ENDED: ['DONE'],
  DONE: [],
};

export function canTransition(from: InteractionStatus, to: InteractionStatus): boolean {
  return next[from].includes(to);
}

/** Statuses from which `to` can be reached; used as the guard of conditional updates. */
export function sourcesOf(to: InteractionStatus): InteractionStatus[] {
  return (Object.keys(next) as InteractionStatus[]).filter((from) => next[from].includes(to));
}

/** The contact may write while waiting too; agents only once they own the live chat. */
export const CONTACT_SEND_STATUSES: readonly InteractionStatus[] = ['QUEUED', 'OFFERED', 'ACTIVE'];
export const AGENT_SEND_STATUSES: readonly InteractionStatus[] = ['ACTIVE'];

export function isOpen(status: InteractionStatus): boolean {
  return status === 'QUEUED' || status === 'OFFERED' || status === 'ACTIVE';
}

export type InvitationAction = 'accept' | 'reject' | 'expire' | 'cancel';

const outcome: Record<InvitationAction, InvitationStatus> = {
  accept: 'ACCEPTED',
  reject: 'REJECTED',
  expire: 'EXPIRED',
  cancel: 'CANCELLED',
};

/**
 * The one outcome of an invitation: only a pending one resolves, and an accept or reject that
 * arrives after the deadline is too late (the sweeper will expire it).
 */
export function resolveInvitation(
  inv: { status: InvitationStatus; expiresAt: Date },
  action: InvitationAction,
  now: Date,
): { ok: true; status: InvitationStatus } | { ok: false; reason: 'notPending' | 'expired' | 'notYetExpired' } {
  if (inv.status !== 'PENDING') return { ok: false, reason: 'notPending' };
  const late = now.getTime() >= inv.expiresAt.getTime();
  if ((action === 'accept' || action === 'reject') && late) return { ok: false, reason: 'expired' };
  if (action === 'expire' && !late) return { ok: false, reason: 'notYetExpired' };
  return { ok: true, status: outcome[action] };
}

export function canMarkDone(i: { status: InteractionStatus; dispositionId: string | null }, dispositionRequired: boolean) {
  if (i.status !== 'ENDED') return { ok: false as const, reason: 'notEnded' as const };
  if (dispositionRequired && !i.dispositionId) return { ok: false as const, reason: 'dispositionRequired' as const };
  return { ok: true as const };
}

export type PendingLevel = 'none' | 'green' | 'yellow' | 'red';

/** A6: green from the first unanswered contact message, yellow after the first interval, red after the second. */
export function pendingLevel(pendingSince: Date | null, now: Date, yellowAfterSec: number, redAfterSec: number): PendingLevel {
  if (!pendingSince) return 'none';
  const waited = (now.getTime() - pendingSince.getTime()) / 1000;
  if (waited >= redAfterSec) return 'red';
  if (waited >= yellowAfterSec) return 'yellow';
  return 'green';
}
