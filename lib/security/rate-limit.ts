import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

export interface Budget {
  key: string;
  limit: number;
  windowSec: number;
}

/** Several budgets counted in one statement (one round trip on the hot path); any over → refused. */
export async function rateLimits(budgets: Budget[]): Promise<void> {
  const rows = await db.$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO "RateLimit" (key, count, "windowEnd")
    SELECT b.key, 1, now() + make_interval(secs => b.secs)
    FROM unnest(${budgets.map((b) => b.key)}::text[], ${budgets.map((b) => b.windowSec)}::int[]) AS b(key, secs)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimit"."windowEnd" <= now() THEN 1 ELSE "RateLimit".count + 1 END,
      "windowEnd" = CASE WHEN "RateLimit"."windowEnd" <= now() THEN EXCLUDED."windowEnd" ELSE "RateLimit"."windowEnd" END
    RETURNING key, count`;
  const limitOf = new Map(budgets.map((b) => [b.key, b.limit]));
  if (rows.some((r) => r.count > (limitOf.get(r.key) ?? Infinity))) throw new AppError('rateLimited');
}

/**
 * Fixed-window counter kept in PostgreSQL, so several app instances share one budget (X7).
 * One statement per call: the upsert both counts and rolls the window over.
 */
export function rateLimit(key: string, limit: number, windowSec: number): Promise<void> {
  return rateLimits([{ key, limit, windowSec }]);
}

/**
 * Deletes counters whose window has ended (an expired row counts for nothing: the next hit
 * restarts it). Run by every instance's timer sweep; a row re-created meanwhile is untouched
 * because its window is in the future. `graceSec` keeps rows a little past their end so a sweep
 * never races the upsert that is just rolling a window over.
 */
export async function sweepRateLimits(graceSec = 60): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimit" WHERE "windowEnd" < now() - make_interval(secs => ${graceSec})`;
}
