/**
 * Business hours and offline messages (issue 18): whether a queue takes chats now, as a pure rule
 * the chat page, the start route and the admin preview share.
 *
 * A queue without a schedule, or whose schedule is "Always open", takes chats as it always did
 * (waiting in the queue, C5). A scheduled queue is offline outside its hours; inside them it is
 * also offline when no agent of the queue is logged in, unless the admin turned that rule off.
 */
import { isOpenAt, parseMinutes, validateBusinessHours, type BusinessHours, type WeeklyInterval } from './business-hours';

export type Availability = 'open' | 'closed' | 'noAgent';

export interface HoursConfig {
  /** "Offline form when no agent of the queue is logged in" (on by default). */
  offlineWhenNoAgent: boolean;
  /** Per queue id; a queue missing here is always open. */
  queues: Record<string, BusinessHours>;
}

export const DEFAULT_HOURS_CONFIG: HoursConfig = { offlineWhenNoAgent: true, queues: {} };

/** `loggedInAgents` is asked only when it matters (it costs a query). */
export async function decideAvailability(
  config: HoursConfig,
  queueId: string,
  at: Date,
  loggedInAgents: () => Promise<number>,
): Promise<Availability> {
  const schedule = config.queues[queueId];
  if (!schedule || schedule.alwaysOpen) return 'open';
  if (!isOpenAt(schedule, at)) return 'closed';
  if (config.offlineWhenNoAgent && (await loggedInAgents()) === 0) return 'noAgent';
  return 'open';
}

export interface ScheduleProblem {
  /** index in the list the admin edited */
  index: number;
  codes: string[];
}

/** Problems of every queue's schedule, plus overlaps the evaluation would tolerate but an admin would not mean. */
export function scheduleProblems(schedules: BusinessHours[]): ScheduleProblem[] {
  const out: ScheduleProblem[] = [];
  schedules.forEach((s, index) => {
    const codes = validateBusinessHours(s);
    if (!codes.includes('time') && !codes.includes('day') && hasOverlap(s.intervals)) codes.push('overlap');
    if (new Set(s.holidays).size !== s.holidays.length) codes.push('duplicateHoliday');
    if (codes.length) out.push({ index, codes });
  });
  return out;
}

const WEEK = 7 * 24 * 60;

/** Two intervals covering the same minute of the week (a night interval wraps into the next day, Saturday into Sunday). */
export function hasOverlap(intervals: WeeklyInterval[]): boolean {
  const spans: [number, number][] = [];
  for (const i of intervals) {
    const start = i.day * 1440 + parseMinutes(i.start);
    let end = i.day * 1440 + parseMinutes(i.end);
    if (end <= start) end += 1440;
    if (end > WEEK) spans.push([start, WEEK], [0, end - WEEK]);
    else spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < spans.length; k++) if (spans[k]![0] < spans[k - 1]![1]) return true;
  return false;
}
