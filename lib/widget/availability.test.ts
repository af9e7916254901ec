import { describe, expect, it } from 'vitest';
import { decideAvailability, hasOverlap, scheduleProblems, type HoursConfig } from './availability';
import type { BusinessHours } from './business-hours';

const weekdays9to5: BusinessHours = {
  alwaysOpen: false,
  timeZone: 'America/Toronto',
  intervals: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidays: ['2026-12-25'],
};
const config = (q: BusinessHours | undefined, offlineWhenNoAgent = true): HoursConfig => ({ offlineWhenNoAgent, queues: q ? { q1: q } : {} });
const agents = (n: number) => {
  const calls = { n: 0 };
  return { calls, count: async () => (calls.n++, n) };
};
// Thursday 2026-12-03: 15:00 UTC is 10:00 in Toronto, 23:00 UTC is 18:00.
const inside = new Date('2026-12-03T15:00:00Z');
const outside = new Date('2026-12-03T23:00:00Z');

describe('queue availability', () => {
  it('a queue without a schedule, or always open, takes chats whether or not agents are logged in (and never counts them)', async () => {
    const a = agents(0);
    expect(await decideAvailability(config(undefined), 'q1', outside, a.count)).toBe('open');
    expect(await decideAvailability(config({ ...weekdays9to5, alwaysOpen: true }), 'q1', outside, a.count)).toBe('open');
    expect(a.calls.n).toBe(0);
  });

  it('outside hours is closed, even with agents logged in; a holiday too', async () => {
    expect(await decideAvailability(config(weekdays9to5), 'q1', outside, agents(3).count)).toBe('closed');
    expect(await decideAvailability(config(weekdays9to5), 'q1', new Date('2026-12-25T15:00:00Z'), agents(3).count)).toBe('closed');
  });

  it('inside hours: open with an agent logged in, offline with none unless the rule is off', async () => {
    expect(await decideAvailability(config(weekdays9to5), 'q1', inside, agents(1).count)).toBe('open');
    expect(await decideAvailability(config(weekdays9to5), 'q1', inside, agents(0).count)).toBe('noAgent');
    expect(await decideAvailability(config(weekdays9to5, false), 'q1', inside, agents(0).count)).toBe('open');
  });

  it('another queue’s schedule does not apply', async () => {
    expect(await decideAvailability(config(weekdays9to5), 'other', outside, agents(0).count)).toBe('open');
  });
});

describe('schedule problems', () => {
  it('overlaps, including a night interval running into the next day and Saturday into Sunday', () => {
    expect(hasOverlap([{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '13:00', end: '17:00' }])).toBe(false);
    expect(hasOverlap([{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '11:00', end: '17:00' }])).toBe(true);
    expect(hasOverlap([{ day: 1, start: '22:00', end: '02:00' }, { day: 2, start: '01:00', end: '03:00' }])).toBe(true);
    expect(hasOverlap([{ day: 6, start: '22:00', end: '02:00' }, { day: 0, start: '01:00', end: '03:00' }])).toBe(true);
    expect(hasOverlap([{ day: 6, start: '22:00', end: '02:00' }, { day: 0, start: '02:00', end: '03:00' }])).toBe(false);
    expect(hasOverlap([{ day: 0, start: '00:00', end: '24:00' }, { day: 1, start: '00:00', end: '24:00' }])).toBe(false);
  });

  it('reports each bad schedule by its index with stable codes', () => {
    const bad: BusinessHours = { alwaysOpen: false, timeZone: 'Mars/Olympus', intervals: [{ day: 1, start: '25:00', end: '10:00' }], holidays: ['2026-13-01', '2026-13-01'] };
    const overlap: BusinessHours = { ...weekdays9to5, intervals: [{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '10:00', end: '11:00' }] };
    expect(scheduleProblems([weekdays9to5, bad, overlap])).toEqual([
      { index: 1, codes: ['timeZone', 'time', 'holiday', 'duplicateHoliday'] },
      { index: 2, codes: ['overlap'] },
    ]);
  });
});
