// Chart data (issue 20): volume and service level per interval, and the handle-time distribution.
import { reportFigures, type FigureRules, type ReportChat } from './figures';

export interface IntervalPoint {
  start: Date;
  offered: number;
  handled: number;
  abandoned: number;
  serviceLevel: number | null;
}

/** Chats by the bucket their queue entry falls in (buckets: sorted starts; the last runs to `to`). */
export function intervalSeries(chats: readonly ReportChat[], starts: readonly Date[], rules: FigureRules): IntervalPoint[] {
  const groups: ReportChat[][] = starts.map(() => []);
  for (const c of chats) {
    const t = c.createdAt.getTime();
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || t < starts[0]!.getTime()) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]!.getTime() <= t) lo = mid;
      else hi = mid - 1;
    }
    groups[lo]!.push(c);
  }
  return starts.map((start, i) => {
    const f = reportFigures(groups[i]!, rules);
    return { start, offered: f.offered, handled: f.handled, abandoned: f.abandoned, serviceLevel: f.serviceLevel };
  });
}

/** Handle-time bands, upper bounds in minutes (the last is open). */
export const HANDLE_BANDS_MIN = [2, 5, 10, 20, 30, 60] as const;

/** How many handled chats fall in each band: [0,2), [2,5) … [60, ∞). */
export function handleDistribution(chats: readonly ReportChat[]): number[] {
  const out = new Array<number>(HANDLE_BANDS_MIN.length + 1).fill(0);
  for (const c of chats) {
    if (!c.acceptedAt || !c.doneAt) continue;
    const min = (c.doneAt.getTime() - c.acceptedAt.getTime()) / 60000;
    const i = HANDLE_BANDS_MIN.findIndex((b) => min < b);
    out[i === -1 ? HANDLE_BANDS_MIN.length : i]! += 1;
  }
  return out;
}
