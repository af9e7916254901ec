import { describe, expect, it } from 'vitest';
import { decide, freeCapacity, leave, mayInvite, pickAgent, pushRecent, timeoutSec, transfer, type Candidate, type InvitationCommand, type Member } from './rules';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('invitation state machine', () => {
  const pending = { status: 'PENDING' as const, expiresAt: at(30), targetUserId: 'bea', inviterId: 'al' };

  it('moves a pending invitation to exactly one outcome', () => {
    expect(decide(pending, { action: 'accept', by: 'bea' }, at(10))).toEqual({ ok: true, status: 'ACCEPTED' });
    expect(decide(pending, { action: 'reject', by: 'bea' }, at(10))).toEqual({ ok: true, status: 'REJECTED' });
    expect(decide(pending, { action: 'cancel', by: 'al' }, at(10))).toEqual({ ok: true, status: 'CANCELLED' });
    expect(decide(pending, { action: 'expire' }, at(30))).toEqual({ ok: true, status: 'EXPIRED' });
  });

  it('never moves a resolved invitation again, whatever the command', () => {
    const commands: InvitationCommand[] = [{ action: 'accept', by: 'bea' }, { action: 'reject', by: 'bea' }, { action: 'cancel', by: 'al' }, { action: 'expire' }];
    for (const status of ['ACCEPTED', 'REJECTED', 'EXPIRED', 'CANCELLED'] as const) {
      for (const cmd of commands) expect(decide({ ...pending, status }, cmd, at(40))).toEqual({ ok: false, reason: 'notPending' });
    }
  });

  it('applies the outcomes in sequence: the first wins, every later one is refused', () => {
    let inv: { status: 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED'; expiresAt: Date; targetUserId: string; inviterId: string } = { ...pending };
    const results = [decide(inv, { action: 'accept', by: 'bea' }, at(5))];
    if (results[0]!.ok) inv = { ...inv, status: results[0]!.status };
    results.push(decide(inv, { action: 'cancel', by: 'al' }, at(6)), decide(inv, { action: 'expire' }, at(31)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(inv.status).toBe('ACCEPTED');
  });

  it('only the invited agent answers and only the inviter cancels', () => {
    expect(decide(pending, { action: 'accept', by: 'al' }, at(1))).toEqual({ ok: false, reason: 'notTarget' });
    expect(decide(pending, { action: 'reject', by: 'cy' }, at(1))).toEqual({ ok: false, reason: 'notTarget' });
    expect(decide(pending, { action: 'cancel', by: 'bea' }, at(1))).toEqual({ ok: false, reason: 'notInviter' });
    expect(decide({ ...pending, inviterId: null }, { action: 'cancel', by: 'al' }, at(1))).toEqual({ ok: false, reason: 'notInviter' });
  });

  it('an answer at or after the deadline is too late; the timer cannot expire it early', () => {
    expect(decide(pending, { action: 'accept', by: 'bea' }, at(30))).toEqual({ ok: false, reason: 'expired' });
    expect(decide(pending, { action: 'reject', by: 'bea' }, at(31))).toEqual({ ok: false, reason: 'expired' });
    expect(decide(pending, { action: 'expire' }, at(29))).toEqual({ ok: false, reason: 'notYetExpired' });
    // A cancel is the inviter's own decision: valid until the timer has resolved it.
    expect(decide(pending, { action: 'cancel', by: 'al' }, at(31))).toEqual({ ok: true, status: 'CANCELLED' });
  });

  it('takes each kind’s timeout from the settings', () => {
    const s = { transferTimeoutSec: 11, conferenceTimeoutSec: 22, consultTimeoutSec: 33 };
    expect([timeoutSec('TRANSFER', s), timeoutSec('CONFERENCE', s), timeoutSec('CONSULTATION', s)]).toEqual([11, 22, 33]);
  });

  it('only a live chat’s members invite; only its owner transfers', () => {
    expect(mayInvite('TRANSFER', 'OWNER', 'ACTIVE')).toBe(true);
    expect(mayInvite('TRANSFER', 'CONFERENCE', 'ACTIVE')).toBe(false);
    expect(mayInvite('CONFERENCE', 'CONFERENCE', 'ACTIVE')).toBe(true);
    expect(mayInvite('CONSULTATION', 'OWNER', 'ACTIVE')).toBe(true);
    expect(mayInvite('CONSULTATION', 'CONSULT', 'ACTIVE')).toBe(false);
    expect(mayInvite('CONFERENCE', null, 'ACTIVE')).toBe(false);
    expect(mayInvite('CONFERENCE', 'OWNER', 'ENDED')).toBe(false);
  });
});

describe('ownership hand-over', () => {
  const owner: Member = { userId: 'al', role: 'OWNER', joinedAt: at(0) };
  const bea: Member = { userId: 'bea', role: 'CONFERENCE', joinedAt: at(10) };
  const cy: Member = { userId: 'cy', role: 'CONFERENCE', joinedAt: at(20) };
  const consult: Member = { userId: 'dee', role: 'CONSULT', joinedAt: at(5) };

  it('passes ownership to the conference target when the owner leaves', () => {
    expect(leave([owner, bea], 'al')).toEqual({ ok: true, leaving: 'al', newOwnerId: 'bea' });
  });
  it('with several conference members, the first to join inherits', () => {
    expect(leave([owner, cy, bea], 'al')).toEqual({ ok: true, leaving: 'al', newOwnerId: 'bea' });
  });
  it('a conference member leaving changes no ownership', () => {
    expect(leave([owner, bea], 'bea')).toEqual({ ok: true, leaving: 'bea', newOwnerId: null });
  });
  it('the last member cannot leave: a chat is never ownerless', () => {
    expect(leave([owner], 'al')).toEqual({ ok: false, reason: 'lastMember' });
    // A consultation target is not a member and never inherits.
    expect(leave([owner, consult], 'al')).toEqual({ ok: false, reason: 'lastMember' });
  });
  it('whoever stays last owns it, whatever the order of leaving', () => {
    let members = [owner, bea, cy];
    for (const who of ['al', 'bea']) {
      const r = leave(members, who);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      members = members.filter((m) => m.userId !== who).map((m) => (m.userId === r.newOwnerId ? { ...m, role: 'OWNER' as const } : m));
      expect(members.filter((m) => m.role === 'OWNER')).toHaveLength(1);
    }
    expect(members).toEqual([{ ...cy, role: 'OWNER' }]);
    expect(leave(members, 'cy')).toEqual({ ok: false, reason: 'lastMember' });
  });
  it('refuses someone who is not in the chat', () => {
    expect(leave([owner, bea], 'zed')).toEqual({ ok: false, reason: 'notMember' });
    expect(leave([owner, consult], 'dee')).toEqual({ ok: false, reason: 'notMember' });
  });
  it('a transfer makes the target the owner and lets the old owner go', () => {
    expect(transfer([owner, bea], 'al', 'cy')).toEqual({ ok: true, leaving: 'al', newOwnerId: 'cy' });
    expect(transfer([owner, bea], 'bea', 'cy')).toEqual({ ok: false, reason: 'notOwner' });
    expect(transfer([owner, bea], 'al', 'bea')).toEqual({ ok: false, reason: 'alreadyMember' });
    expect(transfer([owner, consult], 'al', 'dee')).toEqual({ ok: true, leaving: 'al', newOwnerId: 'dee' });
  });
});

describe('target resolution', () => {
  const agent = (id: string, over: Partial<Candidate> = {}): Candidate => ({
    id,
    status: 'READY',
    capacity: 3,
    load: 0,
    idleSince: at(0),
    groupId: 'support',
    skillIds: ['english'],
    ...over,
  });
  const none = new Set<string>();

  it('a group reaches its Ready member with room, longest idle first', () => {
    const list = [agent('a', { idleSince: at(50) }), agent('b', { idleSince: at(10) }), agent('c', { idleSince: at(5), groupId: 'sales' })];
    expect(pickAgent(list, { type: 'GROUP', groupId: 'support' }, 'TRANSFER', none)).toBe('b');
    expect(pickAgent(list, { type: 'GROUP', groupId: 'sales' }, 'TRANSFER', none)).toBe('c');
  });
  it('a skill reaches an agent with that skill only', () => {
    const list = [agent('a', { idleSince: at(1) }), agent('b', { idleSince: at(9), skillIds: ['english', 'billing'] })];
    expect(pickAgent(list, { type: 'SKILL', skillId: 'billing' }, 'TRANSFER', none)).toBe('b');
    expect(pickAgent(list, { type: 'SKILL', skillId: 'french' }, 'TRANSFER', none)).toBeNull();
  });
  it('a queue or routing point without a skill reaches any Ready agent (resolved to skill null)', () => {
    const list = [agent('a', { idleSince: at(9) }), agent('b', { idleSince: at(2), skillIds: [] })];
    expect(pickAgent(list, { type: 'SKILL', skillId: null }, 'CONFERENCE', none)).toBe('b');
  });
  it('skips agents not Ready, full, already in the chat or invited', () => {
    const list = [
      agent('notReady', { status: 'NOT_READY', idleSince: at(0) }),
      agent('full', { load: 3, idleSince: at(1) }),
      agent('inChat', { idleSince: at(2) }),
      agent('free', { load: 2, idleSince: at(3) }),
    ];
    expect(pickAgent(list, { type: 'GROUP', groupId: 'support' }, 'TRANSFER', new Set(['inChat']))).toBe('free');
    expect(pickAgent(list, { type: 'GROUP', groupId: 'support' }, 'TRANSFER', new Set(['inChat', 'free']))).toBeNull();
  });
  it('a consultation needs no free capacity', () => {
    const list = [agent('full', { load: 3 })];
    expect(pickAgent(list, { type: 'SKILL', skillId: 'english' }, 'CONSULTATION', none)).toBe('full');
    expect(pickAgent(list, { type: 'SKILL', skillId: 'english' }, 'TRANSFER', none)).toBeNull();
  });
  it('a named agent must be signed in, with room for a transfer or conference', () => {
    const list = [agent('ready'), agent('break', { status: 'NOT_READY' }), agent('gone', { status: 'LOGGED_OUT' }), agent('full', { load: 5 })];
    expect(pickAgent(list, { type: 'AGENT', userId: 'ready' }, 'TRANSFER', none)).toBe('ready');
    expect(pickAgent(list, { type: 'AGENT', userId: 'break' }, 'CONFERENCE', none)).toBe('break');
    expect(pickAgent(list, { type: 'AGENT', userId: 'gone' }, 'CONSULTATION', none)).toBeNull();
    expect(pickAgent(list, { type: 'AGENT', userId: 'full' }, 'TRANSFER', none)).toBeNull();
    expect(pickAgent(list, { type: 'AGENT', userId: 'full' }, 'CONSULTATION', none)).toBe('full');
    expect(pickAgent(list, { type: 'AGENT', userId: 'ready' }, 'TRANSFER', new Set(['ready']))).toBeNull();
    expect(pickAgent(list, { type: 'AGENT', userId: 'nobody' }, 'TRANSFER', none)).toBeNull();
  });
  it('free capacity never goes below zero', () => {
    expect(freeCapacity({ capacity: 2, load: 5 })).toBe(0);
    expect(freeCapacity({ capacity: 3, load: 1 })).toBe(2);
  });
});

describe('recent targets', () => {
  it('puts the last used first, without duplicates, keeping five', () => {
    let r = pushRecent([], { type: 'AGENT', ref: 'a' });
    for (const ref of ['b', 'c', 'd', 'e', 'f']) r = pushRecent(r, { type: 'SKILL', ref });
    expect(r.map((x) => x.ref)).toEqual(['f', 'e', 'd', 'c', 'b']);
    r = pushRecent(r, { type: 'SKILL', ref: 'c' });
    expect(r.map((x) => x.ref)).toEqual(['c', 'f', 'e', 'd', 'b']);
    expect(pushRecent(r, { type: 'AGENT', ref: 'c' })[0]).toEqual({ type: 'AGENT', ref: 'c' });
  });
});
