import { describe, expect, it } from 'vitest';
import { canMarkDone, canTransition, pendingLevel, resolveInvitation, sourcesOf } from './lifecycle';

describe('interaction transitions', () => {
  it('follows queued → offered → active → ended → done', () => {
    expect(canTransition('QUEUED', 'OFFERED')).toBe(true);
    expect(canTransition('OFFERED', 'ACTIVE')).toBe(true);
    expect(canTransition('ACTIVE', 'ENDED')).toBe(true);
    expect(canTransition('ENDED', 'DONE')).toBe(true);
  });
  it('puts a rejected or expired offer back in the queue', () => {
    expect(canTransition('OFFERED', 'QUEUED')).toBe(true);
  });
  it('refuses skipping or going back', () => {
    expect(canTransition('QUEUED', 'ACTIVE')).toBe(false);
    expect(canTransition('ACTIVE', 'DONE')).toBe(false);
    expect(canTransition('DONE', 'ACTIVE')).toBe(false);
    expect(canTransition('ENDED', 'ACTIVE')).toBe(false);
  });
  it('lists the guards of a conditional update', () => {
    expect(sourcesOf('ENDED').sort()).toEqual(['ACTIVE', 'OFFERED', 'QUEUED']);
    expect(sourcesOf('DONE')).toEqual(['ENDED']);
  });
});

describe('invitation outcome', () => {
  const now = new Date('2026-01-01T00:00:10Z');
  const live = { status: 'PENDING' as const, expiresAt: new Date('2026-01-01T00:00:20Z') };
  const due = { status: 'PENDING' as const, expiresAt: new Date('2026-01-01T00:00:05Z') };
  it('accepts or rejects a live invitation', () => {
    expect(resolveInvitation(live, 'accept', now)).toEqual({ ok: true, status: 'ACCEPTED' });
    expect(resolveInvitation(live, 'reject', now)).toEqual({ ok: true, status: 'REJECTED' });
  });
  it('refuses an answer after the deadline and expires only then', () => {
    expect(resolveInvitation(due, 'accept', now)).toEqual({ ok: false, reason: 'expired' });
    expect(resolveInvitation(due, 'expire', now)).toEqual({ ok: true, status: 'EXPIRED' });
    expect(resolveInvitation(live, 'expire', now)).toEqual({ ok: false, reason: 'notYetExpired' });
  });
  it('resolves once', () => {
    expect(resolveInvitation({ ...live, status: 'ACCEPTED' }, 'accept', now)).toEqual({ ok: false, reason: 'notPending' });
    expect(resolveInvitation({ ...due, status: 'EXPIRED' }, 'expire', now)).toEqual({ ok: false, reason: 'notPending' });
  });
});

describe('mark done', () => {
  it('needs an ended chat', () => {
    expect(canMarkDone({ status: 'ACTIVE', dispositionId: 'x' }, false)).toEqual({ ok: false, reason: 'notEnded' });
    expect(canMarkDone({ status: 'ENDED', dispositionId: null }, false)).toEqual({ ok: true });
  });
  it('needs a disposition when the admin requires one', () => {
    expect(canMarkDone({ status: 'ENDED', dispositionId: null }, true)).toEqual({ ok: false, reason: 'dispositionRequired' });
    expect(canMarkDone({ status: 'ENDED', dispositionId: 'd1' }, true)).toEqual({ ok: true });
  });
});

describe('pending-response level', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  it('is none when nothing is pending', () => expect(pendingLevel(null, at(100), 30, 60)).toBe('none'));
  it('goes green, yellow, red', () => {
    expect(pendingLevel(t0, at(0), 30, 60)).toBe('green');
    expect(pendingLevel(t0, at(29), 30, 60)).toBe('green');
    expect(pendingLevel(t0, at(30), 30, 60)).toBe('yellow');
    expect(pendingLevel(t0, at(60), 30, 60)).toBe('red');
  });
});
