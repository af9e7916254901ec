import { describe, expect, it } from 'vitest';
import { type BusinessHours, type WeeklyInterval, isOpenAt, localTime, validateBusinessHours } from './business-hours';

const hours = (timeZone: string, intervals: WeeklyInterval[], holidays: string[] = []): BusinessHours => ({
  alwaysOpen: false,
  timeZone,
  intervals,
  holidays,
});
const weekdays = (start: string, end: string): WeeklyInterval[] =>
  ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start, end }));
const at = (iso: string) => new Date(iso);

describe('business hours', () => {
  it('always open ignores intervals and holidays', () => {
    expect(isOpenAt({ ...hours('UTC', [], ['2026-12-03']), alwaysOpen: true }, at('2026-12-03T03:00:00Z'))).toBe(true);
  });

  it('an interval crossing midnight covers the evening and the next early hours only', () => {
    const s = hours('UTC', [{ day: 5, start: '22:00', end: '02:00' }]); // Friday night
    expect(isOpenAt(s, at('2026-12-04T21:59:00Z'))).toBe(false); // Fri before
    expect(isOpenAt(s, at('2026-12-04T22:00:00Z'))).toBe(true); // Fri 22:00
    expect(isOpenAt(s, at('2026-12-05T01:59:00Z'))).toBe(true); // Sat early hours
    expect(isOpenAt(s, at('2026-12-05T02:00:00Z'))).toBe(false); // end is exclusive
    expect(isOpenAt(s, at('2026-12-03T23:00:00Z'))).toBe(false); // Thursday night
    expect(isOpenAt(s, at('2026-12-06T01:00:00Z'))).toBe(false); // Sunday early hours
  });

  it('several intervals a day', () => {
    const s = hours('UTC', [
      { day: 4, start: '09:00', end: '12:00' },
      { day: 4, start: '13:00', end: '17:00' },
    ]);
    expect(isOpenAt(s, at('2026-12-03T11:00:00Z'))).toBe(true);
    expect(isOpenAt(s, at('2026-12-03T12:30:00Z'))).toBe(false);
    expect(isOpenAt(s, at('2026-12-03T16:59:00Z'))).toBe(true);
  });

  it('evaluates in the schedule time zone', () => {
    const toronto = hours('America/Toronto', weekdays('09:00', '17:00'));
    const paris = hours('Europe/Paris', weekdays('09:00', '17:00'));
    expect(isOpenAt(toronto, at('2026-12-03T13:30:00Z'))).toBe(false); // 08:30 EST
    expect(isOpenAt(toronto, at('2026-12-03T14:30:00Z'))).toBe(true); // 09:30 EST
    expect(isOpenAt(paris, at('2026-12-03T14:30:00Z'))).toBe(true); // 15:30 CET
    expect(isOpenAt(paris, at('2026-12-03T16:30:00Z'))).toBe(false); // 17:30 CET
  });

  it('keeps wall-clock hours across daylight-saving changes', () => {
    const toronto = hours('America/Toronto', weekdays('09:00', '17:00'));
    // spring forward on Sunday 2026-03-08: 13:30Z is 08:30 EST before, 09:30 EDT after
    expect(isOpenAt(toronto, at('2026-03-06T13:30:00Z'))).toBe(false);
    expect(isOpenAt(toronto, at('2026-03-09T13:30:00Z'))).toBe(true);
    // fall back on Sunday 2026-11-01: 13:30Z is 09:30 EDT before, 08:30 EST after
    expect(isOpenAt(toronto, at('2026-10-30T13:30:00Z'))).toBe(true);
    expect(isOpenAt(toronto, at('2026-11-02T13:30:00Z'))).toBe(false);
    // the repeated hour 01:00–02:00 on 2026-11-01 is inside a 01:00–02:00 Sunday interval both times
    const night = hours('America/Toronto', [{ day: 0, start: '01:00', end: '02:00' }]);
    expect(isOpenAt(night, at('2026-11-01T05:30:00Z'))).toBe(true); // 01:30 EDT
    expect(isOpenAt(night, at('2026-11-01T06:30:00Z'))).toBe(true); // 01:30 EST
    expect(isOpenAt(night, at('2026-11-01T07:30:00Z'))).toBe(false); // 02:30 EST
  });

  it('a holiday closes its whole local date, including a night interval crossing into it', () => {
    const toronto = hours('America/Toronto', weekdays('09:00', '17:00'), ['2026-12-25']);
    expect(isOpenAt(toronto, at('2026-12-24T15:00:00Z'))).toBe(true);
    expect(isOpenAt(toronto, at('2026-12-25T15:00:00Z'))).toBe(false);
    const night = hours('UTC', [{ day: 4, start: '22:00', end: '02:00' }], ['2026-12-25']);
    expect(isOpenAt(night, at('2026-12-24T23:00:00Z'))).toBe(true); // Thu 24th evening
    expect(isOpenAt(night, at('2026-12-25T01:00:00Z'))).toBe(false); // early 25th: holiday
    // the holiday is the LOCAL date: 2026-12-25T03:00Z is still the 24th in Toronto
    const eve = hours('America/Toronto', [{ day: 4, start: '20:00', end: '23:00' }], ['2026-12-25']);
    expect(localTime(at('2026-12-25T03:00:00Z'), 'America/Toronto').date).toBe('2026-12-24');
    expect(isOpenAt(eve, at('2026-12-25T03:00:00Z'))).toBe(true);
  });

  it('validation names each problem', () => {
    expect(validateBusinessHours(hours('UTC', weekdays('09:00', '17:00')))).toEqual([]);
    expect(
      validateBusinessHours(
        hours('Mars/Olympus', [
          { day: 1, start: '9am', end: '17:00' },
          { day: 2, start: '10:00', end: '10:00' },
        ], ['2026-13-45', 'tomorrow']),
      ).sort(),
    ).toEqual(['emptyInterval', 'holiday', 'time', 'timeZone']);
  });
});
