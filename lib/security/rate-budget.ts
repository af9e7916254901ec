import 'server-only';
import { hotQuery } from '@/lib/db';
import { env } from '@/lib/env';
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
 * Tolerance: with one instance it is exact. Across instances, an instance's first check of a key
 * reads the shared count (so N instances never each start from 0), and after that it learns
 * the others' counts at its flushes: every FLUSH_MS for a key it counted on or that is past half its limit. So a
 * budget can be passed by what the other instances admitted since this one last read it back —
 * at most one interval (250 ms) of their traffic once a budget is half spent, and below half at
 * most the half that is left. Chat starts and sign-ins, which are rare and are what an attacker aims at, keep the
 * exact one-statement-per-request `rateLimits`.
 */
const FLUSH_MS = 250;

interface Seed {
  count: number;
  windowEnd: number;
}

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
  /** Shared counts being read for keys this instance has no entry for (one read per key at a time). */
  private readonly reading = new Map<string, Promise<Seed | undefined>>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Entries held at once: what bounds the map against a flood of fresh keys (addresses, chats). */
    private readonly maxKeys = 100_000,
    /** How often counts are flushed to the shared rows (0: only when flush() is called, for tests). */
    private readonly flushMs = FLUSH_MS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * Counts one request against every budget, or throws `rateLimited` (counting nothing, and
   * creating no entry: refused requests cost no memory). The first check of a key this instance
   * holds no entry for reads the shared count first, so N instances do not each start from 0.
   */
  async take(budgets: Budget[]): Promise<void> {
    const t = this.now();
    const fresh = budgets.filter((b) => !this.live(b.key, t));
    const seeds = fresh.length > 0 ? await this.readShared(fresh.map((b) => b.key)) : undefined;
    this.admit(budgets, this.now(), seeds);
  }

  private live(key: string, t: number): Entry | undefined {
    const e = this.entries.get(key);
    return e && e.windowEnd > t ? e : undefined;
  }

  private admit(budgets: Budget[], t: number, seeds: Map<string, Seed> | undefined): void {
    const view = budgets.map((b) => {
      const e = this.live(b.key, t);
      const seed = seeds?.get(b.key);
      const used = e ? e.shared + e.flushing + e.unflushed : (seed?.count ?? 0);
      return { b, e, seed, over: used + 1 > (e?.limit ?? b.limit) };
    });
    if (view.some((v) => v.over)) throw new AppError('rateLimited');
    const added = view.filter((v) => !v.e).length;
    if (added > 0 && !this.makeRoom(added, t)) throw new AppError('rateLimited');
    for (const { b, e, seed } of view) {
      if (e) e.unflushed++;
      else {
        this.entries.set(b.key, {
          limit: b.limit, windowSec: b.windowSec,
          windowEnd: seed?.windowEnd ?? t + b.windowSec * 1000,
          shared: seed?.count ?? 0, flushing: 0, unflushed: 1,
        });
      }
    }
    if (this.flushMs > 0) this.timer ??= setInterval(() => void this.flush(), this.flushMs).unref();
  }

  /**
   * Room for `n` new entries: expired ones go first, then the oldest whose counts are all in the
   * shared rows (forgetting them is safe: their next check reads the shared count again). When
   * everything held still has counts on their way, the request is refused rather than the map grown.
   */
  private makeRoom(n: number, t: number): boolean {
    if (this.entries.size + n <= this.maxKeys) return true;
    const target = Math.max(0, Math.floor(this.maxKeys * 0.9) - n);
    for (const [key, e] of this.entries) {
      if (this.entries.size <= target) break;
      if (e.unflushed === 0 && e.flushing === 0) this.entries.delete(key);
      else if (e.windowEnd <= t && e.flushing === 0) this.entries.delete(key);
    }
    return this.entries.size + n <= this.maxKeys;
  }

  private async readShared(keys: string[]): Promise<Map<string, Seed>> {
    const out = new Map<string, Seed>();
    const todo = keys.filter((k) => !this.reading.has(k));
    if (todo.length > 0) {
      const query = hotQuery<{ key: string; count: number; windowEnd: string }>(Prisma.sql`
        SELECT key, count, "windowEnd" FROM "RateLimit" WHERE key = ANY(${todo}::text[]) AND "windowEnd" > now()`).then(
        (rows) => new Map(rows.map((r) => [r.key, { count: Number(r.count), windowEnd: new Date(`${r.windowEnd}Z`).getTime() }])),
        (err: unknown) => {
          // Fail open as the flush does: the count is learnt at the next flush.
          logger.warn('rate budget read failed', { error: String(err) });
          return new Map<string, Seed>();
        },
      );
      for (const k of todo) {
        const one = query.then((m) => m.get(k));
        this.reading.set(k, one);
        void one.finally(() => this.reading.delete(k));
      }
    }
    // Taken now: a read that settles is dropped from `reading` at once.
    const pending = keys.map((k) => [k, this.reading.get(k)] as const);
    for (const [k, p] of pending) {
      const seed = await p;
      if (seed) out.set(k, seed);
    }
    return out;
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
  globalForBudgets.hotBudgets ??= new HotBudgets(Date.now, env.RATE_BUDGET_MAX_KEYS);
  return globalForBudgets.hotBudgets;
}
