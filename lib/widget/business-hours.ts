import { isTimeZone } from '@/lib/time-zone';

/**
 * Business hours (issue 18): pure evaluation of "is the queue open at this instant?".
 *
 * Intervals are wall-clock times in the schedule's IANA time zone. An interval whose end is
 * not after its start crosses midnight into the next day (Fri 22:00–02:00 covers Saturday
 * 00:00–02:00 too). A holiday closes the whole local calendar date, including the part of an
 * interval that crossed midnight into it. Daylight-saving changes need no special case: the
 * instant is converted to local wall time first, so 09:00 stays 09:00 on both sides.
 */

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday, as Date#getDay

export interface WeeklyInterval {
  day: Weekday;
  /** "HH:MM", 00:00–23:59 */
  start: string;
  /** "HH:MM"; 24:00 allowed; not after start = crosses midnight */
  end: string;
}

export interface BusinessHours {
  alwaysOpen: boolean;
  timeZone: string;
  intervals: WeeklyInterval[];
  /** local dates "YYYY-MM-DD" on which the queue is closed all day */
  holidays: string[];
}

export const ALWAYS_OPEN: BusinessHours = { alwaysOpen: true, timeZone: 'UTC', intervals: [], holidays: [] };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseMinutes(hhmm: string): number {
  if (!TIME.test(hhmm)) throw new RangeError(`invalid time ${JSON.stringify(hhmm)}`);
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}


/** Problems with a schedule, as stable codes (the admin form maps them to messages). */
export function validateBusinessHours(s: BusinessHours): string[] {
  const problems: string[] = [];
  if (!isTimeZone(s.timeZone)) problems.push('timeZone');
  for (const i of s.intervals) {
    if (!Number.isInteger(i.day) || i.day < 0 || i.day > 6) problems.push('day');
    if (!TIME.test(i.start) || i.start === '24:00' || !TIME.test(i.end)) problems.push('time');
    else if (i.start === i.end) problems.push('emptyInterval');
  }
  for (const h of s.holidays) if (!DATE.test(h) || Number.isNaN(Date.parse(`${h}T00:00:00Z`))) problems.push('holiday');
  return [...new Set(problems)];
}

export interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: Weekday;
  minutes: number; // since local midnight
}

const WEEKDAYS: Record<string, Weekday> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: WEEKDAYS[get('weekday')],
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

export function isOpenAt(s: BusinessHours, at: Date): boolean {
  if (s.alwaysOpen) return true;
  const local = localTime(at, s.timeZone);
  if (s.holidays.includes(local.date)) return false;
  const yesterday = ((local.weekday + 6) % 7) as Weekday;
  return s.intervals.some((i) => {
    const start = parseMinutes(i.start);
    const end = parseMinutes(i.end);
    if (end > start) return i.day === local.weekday && local.minutes >= start && local.minutes < end;
    // crosses midnight: the evening of its own day, and the early hours of the next
    return (i.day === local.weekday && local.minutes >= start) || (i.day === yesterday && local.minutes < end);
  });
}
