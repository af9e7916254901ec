// Defect 1 (security round 2): staff channels only for a socket signed in as the caller.
import { describe, expect, it } from 'vitest';
import { staffSocketVerdict } from './staff-socket-rule';

describe('staffSocketVerdict', () => {
  it('grants only a socket signed in as the caller', () => {
    expect(staffSocketVerdict('signed-in', 'u1', { userId: 'u1' })).toBe('grant');
    expect(staffSocketVerdict('signed-in', 'u1', { userId: null })).toBe('notSignedIn');
    expect(staffSocketVerdict('signed-in', 'u1', { userId: 'u2' })).toBe('notSignedIn');
    expect(staffSocketVerdict('signed-in', '', { userId: '' })).toBe('notSignedIn');
  });

  it('fails closed when the realtime server cannot say', () => {
    expect(staffSocketVerdict('signed-in', 'u1', 'unavailable')).toBe('unavailable');
    expect(staffSocketVerdict('signed-in', 'u1', null)).toBe('unavailable');
  });

  it('off (soketi, hosted Pusher) grants without a lookup', () => {
    expect(staffSocketVerdict('off', 'u1', null)).toBe('grant');
  });
});
