// Interval bucketing for the reports (issue 20), in the supervisor's time zone. Pure.
// Day buckets follow the wall clock, so a day across a daylight-saving change lasts 23 or 25 hours;
// 15/30-minute and hour buckets are fixed lengths aligned on the zone's wall clock.

export const INTERVALS = ['15m', '30m', 'hour', 'day'] as const;
export type Interval = (typeof INTERVALS)[number];

const MINUTES: Record<Exclude<Interval, 'day'>, number> = { '15m': 15, '30m': 30, hour: 60 };

/** The zone's offset from UTC at `at`, in minutes (e.g. -300 for Toronto in winter). */
export function zoneOffsetMin(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The instant of a wall-clock time in the zone (the earlier one when it occurs twice). */
export function zonedInstant(y: number, m: number, d: number, timeZone: string, h = 0, min = 0): Date {
  const guess = Date.UTC(y, m - 1, d, h, min);
  let t = guess - zoneOffsetMin(new Date(guess), timeZone) * 60000;
  t = guess - zoneOffsetMin(new Date(t), timeZone) * 60000;
  return new Date(t);
}

/** The wall-clock date (y, m, d) of an instant in the zone. */
export function zonedDate(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const local = new Date(at.getTime() + zoneOffsetMin(at, timeZone) * 60000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

/** Midnight (zone) of the day holding `at`. */
export function startOfZonedDay(at: Date, timeZone: string): Date {
  const { y, m, d } = zonedDate(at, timeZone);
  return zonedInstant(y, m, d, timeZone);
}

/** The start of the bucket holding `at`. */
export function bucketStart(at: Date, interval: Interval, timeZone: string): Date {
  if (interval === 'day') return startOfZonedDay(at, timeZone);
  const step = MINUTES[interval] * 60000;
  const off = zoneOffsetMin(at, timeZone) * 60000;
  return new Date(Math.floor((at.getTime() + off) / step) * step - off);
}

/** Every bucket start in [from, to). */
export function bucketStarts(from: Date, to: Date, interval: Interval, timeZone: string): Date[] {
  const out: Date[] = [];
  let cur = bucketStart(from, interval, timeZone);
  while (cur < to) {
    out.push(cur);
    if (interval === 'day') {
      const { y, m, d } = zonedDate(cur, timeZone);
      cur = zonedInstant(y, m, d + 1, timeZone);
    } else {
      cur = new Date(cur.getTime() + MINUTES[interval] * 60000);
    }
  }
  return out;
}

export const PRESETS = ['today', 'yesterday', 'last7', 'last30', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** The [from, to) instants of a preset or a custom range of wall-clock days (YYYY-MM-DD, inclusive). */
export function rangeOf(preset: Preset, now: Date, timeZone: string, custom?: { from: string; to: string }): { from: Date; to: Date } {
  const { y, m, d } = zonedDate(now, timeZone);
  const day = (dd: number) => zonedInstant(y, m, dd, timeZone);
  switch (preset) {
    case 'today':
      return { from: day(d), to: day(d + 1) };
    case 'yesterday':
      return { from: day(d - 1), to: day(d) };
    case 'last7':
      return { from: day(d - 6), to: day(d + 1) };
    case 'last30':
      return { from: day(d - 29), to: day(d + 1) };
    case 'custom': {
      const parse = (s: string) => s.split('-').map(Number) as [number, number, number];
      const [fy, fm, fd] = parse(custom!.from);
      const [ty, tm, td] = parse(custom!.to);
      return { from: zonedInstant(fy, fm, fd, timeZone), to: zonedInstant(ty, tm, td + 1, timeZone) };
    }
  }
}
