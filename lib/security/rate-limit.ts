import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * Fixed-window counter kept in PostgreSQL, so several app instances share one budget (X7).
 * One statement per call: the upsert both counts and rolls the window over.
 */
export async function rateLimit(key: string, limit: number, windowSec: number): Promise<void> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" (key, count, "windowEnd")
    VALUES (${key}, 1, now() + make_interval(secs => ${windowSec}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimit"."windowEnd" <= now() THEN 1 ELSE "RateLimit".count + 1 END,
      "windowEnd" = CASE WHEN "RateLimit"."windowEnd" <= now() THEN now() + make_interval(secs => ${windowSec}) ELSE "RateLimit"."windowEnd" END
    RETURNING count`;
  if ((rows[0]?.count ?? 0) > limit) throw new AppError('rateLimited');
}
