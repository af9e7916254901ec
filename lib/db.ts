import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

interface Clients {
  pool: pg.Pool;
  prisma: PrismaClient;
}

function create(): Clients {
  // Sessions in UTC: the schema's timestamps have no zone, and SQL's now() must agree with the
  // UTC instants Prisma writes whatever the server's default time zone is.
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, options: '-c timezone=UTC' });
  // One pool: Prisma (through its pg adapter) and the hot path's plain queries share it.
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

// One client per process (kept on globalThis so dev hot reload doesn't leak pools, and so the
// fast lane's copy of this module uses the same one), created on first use so that importing
// this module (as `next build` does) needs no database.
const globalForDb = globalThis as unknown as { dbClients?: Clients };
const clients = () => (globalForDb.dbClients ??= create());

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const prisma = clients().prisma;
    const value = Reflect.get(prisma, key);
    return typeof value === 'function' ? value.bind(prisma) : value;
  },
});

// Timestamps without zone stay strings (they are UTC: see the session time zone above) and
// bigints (count(*)) become numbers, for the hot path's rows to read like Prisma's raw ones.
const TIMESTAMP = 1114;
const INT8 = 20;
const hotTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMP) return (s: string) => s;
    if (oid === INT8) return (s: string) => Number(s);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * A raw statement on the hot path (every send, typing notice and catch-up read), run with the
 * `pg` driver on the pool Prisma uses, skipping Prisma's client runtime: a profile of the send
 * path put about a third of the app's CPU in Prisma's raw-query handling (its query compiler
 * and result mapping) for statements that are already plain SQL. Written with `Prisma.sql`
 * like `$queryRaw`, so a statement moves between the two unchanged.
 */
export async function hotQuery<T>(query: Prisma.Sql): Promise<T[]> {
  const res = await clients().pool.query({ text: query.text, values: query.values as unknown[], types: hotTypes });
  return res.rows as T[];
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
