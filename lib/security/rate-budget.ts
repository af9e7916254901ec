import 'server-only';
import { hotQuery } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import type { Budget } from './rate-limit';

/**
 * Rate limits for the hot path (every contact send, typing notice and read), counted in memory
 * and shared through the same PostgreSQL rows as `rateLimits` (table RateLimit) in aggregate:
 * every FLUSH_MS each instance adds what it counted with one statement and reads back the
 * shared totals. A request is refused when the shared total last read plus what this instance
 * has counted since passes the limit.
 *
 * Tolerance: with one instance it is exact. Across instances, each learns the others' counts at
 * its flushes: every FLUSH_MS for a key it counted on or that is past half its limit. So a
 * budget can be passed by what the other instances admitted since this one last read it back —
 * at most one interval (250 ms) of their traffic once a budget is half spent, and below half at
 * most the half that is left. Chat starts and sign-ins, which are rare and are what an attacker aims at, keep the
 * exact one-statement-per-request `rateLimits`.
 */
const FLUSH_MS = 250;

interface Entry {
  limit: number;
  windowSec: number;
  /** ms since epoch when the window (shared, once read back) ends */
  windowEnd: number;
  /** the shared count as last read back */
  shared: number;
  /** counted here and on its way to the shared row (the flush in progress) */
  flushing: number;
  /** counted here since the last flush began */
  unflushed: number;
}

export class HotBudgets {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request against every budget, or throws `rateLimited` (counting nothing). */
  take(budgets: Budget[]): void {
    const t = this.now();
    const entries = budgets.map((b) => {
      let e = this.entries.get(b.key);
      if (!e || e.windowEnd <= t) {
        e = { limit: b.limit, windowSec: b.windowSec, windowEnd: t + b.windowSec * 1000, shared: 0, flushing: 0, unflushed: 0 };
        this.entries.set(b.key, e);
      }
      return e;
    });
    if (entries.some((e) => e.shared + e.flushing + e.unflushed + 1 > e.limit)) throw new AppError('rateLimited');
    for (const e of entries) e.unflushed++;
    this.timer ??= setInterval(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Adds what was counted here to the shared rows and reads their totals back. */
  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async doFlush() {
    const t = this.now();
    const batch: { key: string; delta: number; secs: number }[] = [];
    for (const [key, e] of this.entries) {
      if (e.windowEnd <= t && e.unflushed === 0 && e.flushing === 0) this.entries.delete(key);
      // A budget past half its limit is read back even with nothing new counted here (delta 0):
      // what other instances admit reaches this one within an interval, and a window reset
      // elsewhere (another instance, an operator clearing the table) reopens a refusing budget.
      else if (e.unflushed > 0 || 2 * e.shared >= e.limit) batch.push({ key, delta: e.unflushed, secs: e.windowSec });
    }
    if (batch.length === 0) return;
    for (const b of batch) {
      const e = this.entries.get(b.key)!;
      e.unflushed -= b.delta;
      e.flushing += b.delta;
    }
    try {
      const rows = await hotQuery<{ key: string; count: number; windowEnd: string }>(Prisma.sql`
        INSERT INTO "RateLimit" (key, count, "windowEnd")
        SELECT b.key, b.delta, now() + make_interval(secs => b.secs)
        FROM unnest(${batch.map((b) => b.key)}::text[], ${batch.map((b) => b.delta)}::int[], ${batch.map((b) => b.secs)}::int[]) AS b(key, delta, secs)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN "RateLimit"."windowEnd" <= now() THEN EXCLUDED.count ELSE "RateLimit".count + EXCLUDED.count END,
          "windowEnd" = CASE WHEN "RateLimit"."windowEnd" <= now() THEN EXCLUDED."windowEnd" ELSE "RateLimit"."windowEnd" END
        RETURNING key, count, "windowEnd"`);
      for (const r of rows) {
        const e = this.entries.get(r.key);
        if (!e) continue;
        // The shared count now includes what this flush carried.
        e.shared = Number(r.count);
        e.flushing = 0;
        e.windowEnd = new Date(`${r.windowEnd}Z`).getTime(); // timestamp without zone, in UTC
      }
    } catch (err) {
      // Counted again next time: a failed flush loses no count.
      for (const b of batch) {
        const e = this.entries.get(b.key);
        if (e) {
          e.unflushed += e.flushing;
          e.flushing = 0;
        }
      }
      logger.warn('rate budget flush failed', { error: String(err) });
    }
  }

  close() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const globalForBudgets = globalThis as unknown as { hotBudgets?: HotBudgets };
/** This process's budgets (one per process, shared by every module copy). */
export function hotBudgets(): HotBudgets {
  globalForBudgets.hotBudgets ??= new HotBudgets();
  return globalForBudgets.hotBudgets;
}
