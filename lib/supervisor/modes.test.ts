import { describe, expect, it } from 'vitest';
import { modeChange } from './modes';

describe('supervisor mode switches (S4–S6)', () => {
  it('announces only barge-in to the contact', () => {
    expect(modeChange('ACTIVE', null, 'MONITOR')).toEqual({ ok: true, announce: [] });
    expect(modeChange('ACTIVE', 'MONITOR', 'COACH')).toEqual({ ok: true, announce: [] });
    expect(modeChange('ACTIVE', 'COACH', 'BARGE_IN')).toEqual({ ok: true, announce: ['joined'] });
    expect(modeChange('ACTIVE', 'BARGE_IN', 'MONITOR')).toEqual({ ok: true, announce: ['left'] });
    expect(modeChange('ACTIVE', 'BARGE_IN', 'BARGE_IN')).toEqual({ ok: true, announce: [] });
  });
  it('monitors any chat not done, but coaches and barges only into live ones', () => {
    expect(modeChange('QUEUED', null, 'MONITOR').ok).toBe(true);
    expect(modeChange('ENDED', null, 'MONITOR').ok).toBe(true);
    expect(modeChange('QUEUED', null, 'COACH')).toEqual({ ok: false, reason: 'closed' });
    expect(modeChange('ENDED', 'MONITOR', 'BARGE_IN')).toEqual({ ok: false, reason: 'closed' });
    expect(modeChange('DONE', null, 'MONITOR')).toEqual({ ok: false, reason: 'closed' });
  });
});
