import { describe, expect, it } from 'vitest';
import { agentActivity, clippedMs } from './activity';

const T = (hm: string) => new Date(`2026-11-29T${hm}:00.000Z`);
const range = { from: T('09:00'), to: T('17:00'), now: T('12:00') };

describe('agent activity', () => {
  it('clips spans to the period and closes open ones at now', () => {
    expect(clippedMs({ startedAt: T('08:00'), endedAt: T('09:30') }, range.from, range.to, range.now)).toBe(30 * 60_000);
    expect(clippedMs({ startedAt: T('11:00'), endedAt: null }, range.from, range.to, range.now)).toBe(60 * 60_000);
    expect(clippedMs({ startedAt: T('07:00'), endedAt: T('08:00') }, range.from, range.to, range.now)).toBe(0);
  });

  it('sums time in each state, reasons apart, and occupancy over time logged in', () => {
    const out = agentActivity(
      [
        { userId: 'ann', status: 'LOGGED_OUT', reason: null, startedAt: T('06:00'), endedAt: T('09:10') },
        { userId: 'ann', status: 'READY', reason: null, startedAt: T('09:10'), endedAt: T('10:10') },
        { userId: 'ann', status: 'NOT_READY', reason: 'Lunch', startedAt: T('10:10'), endedAt: T('10:40') },
        { userId: 'ann', status: 'READY', reason: null, startedAt: T('10:40'), endedAt: null },
      ],
      [{ userId: 'ann', chatMs: 75 * 60_000, handled: 3 }],
      range,
    );
    expect(out).toEqual([
      {
        userId: 'ann',
        timeInState: { LOGGED_OUT: 10 * 60_000, READY: (60 + 80) * 60_000, NOT_READY: 30 * 60_000, 'NOT_READY:Lunch': 30 * 60_000 },
        loggedInMs: 170 * 60_000,
        chatMs: 75 * 60_000,
        occupancy: 75 / 170,
        handled: 3,
      },
    ]);
  });
});
