// Issue 17 target 2: under a burst the app's PostgreSQL pool queues rather than opens more
// connections, so a flood can never end in EMFILE or "too many clients" from the database side.
import { describe, expect, it } from 'vitest';
import { pgClient, useTestEnv } from '@/test/db';

const POOL = 4;

describe('the database pool under a burst of 5x its size', () => {
  it('queues and answers every query, never opening more than its size', async () => {
    useTestEnv();
    process.env.DATABASE_POOL_SIZE = String(POOL);
    const { db, hotQuery } = await import('@/lib/db');
    const { Prisma } = await import('@/lib/generated/prisma/client');
    await hotQuery(Prisma.sql`SELECT 1`); // creates the process's one pool (lib/db.ts)
    const pool = (globalThis as unknown as { dbClients: { pool: { totalCount: number; waitingCount: number } } }).dbClients;
    const monitor = await pgClient();
    try {
      let most = 0;
      let queued = 0;
      const watch = setInterval(() => {
        most = Math.max(most, pool.pool.totalCount);
        queued = Math.max(queued, pool.pool.waitingCount);
      }, 5);
      // Half through the hot path's plain pg, half through Prisma: they share the one pool.
      const burst = Array.from({ length: 5 * POOL }, (_, i) =>
        i % 2 === 0
          ? hotQuery<{ n: number }>(Prisma.sql`SELECT ${i}::int AS n FROM pg_sleep(0.05)`).then((r) => r[0]!.n)
          : db.$queryRaw<{ n: number }[]>`SELECT ${i}::int AS n FROM pg_sleep(0.05)`.then((r) => r[0]!.n),
      );
      const answers = await Promise.all(burst);
      clearInterval(watch);
      expect(answers).toEqual(Array.from({ length: 5 * POOL }, (_, i) => i));
      expect(most).toBeLessThanOrEqual(POOL);
      expect(queued).toBeGreaterThan(0);
      const { rows } = await monitor.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(rows[0]!.n).toBeLessThanOrEqual(POOL);
    } finally {
      await monitor.end();
    }
  });
});
