/**
 * Helpers for `*.db.test.ts` files (the vitest `db` project; see test/db-global-setup.ts).
 *
 *   import { getDb, resetDb } from '@/test/db';
 *   const db = await getDb();           // the app's Prisma client (lib/db) on the test database
 *   beforeEach(() => resetDb());         // empty every table
 */
import { inject } from 'vitest';
import pg from 'pg';
import { workerDatabaseUrl } from './db-worker';

/** Puts the test database and dummy secrets into process.env (before lib/env.ts is loaded). */
export function useTestEnv(): Record<string, string> {
  const testEnv = { ...inject('testEnv') };
  testEnv.DATABASE_URL = workerDatabaseUrl(testEnv.DATABASE_URL);
  for (const [k, v] of Object.entries(testEnv)) process.env[k] = v;
  return testEnv;
}

/** The app's Prisma client, bound to the test database. */
export async function getDb() {
  useTestEnv();
  const { db } = await import('@/lib/db');
  return db;
}

/** A plain `pg` client on the test database; the caller ends it. */
export async function pgClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: useTestEnv().DATABASE_URL });
  await client.connect();
  return client;
}

/** Empties every table (except Prisma's migration log) and restarts identities. */
export async function resetDb(): Promise<void> {
  const client = await pgClient();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}
