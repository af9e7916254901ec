import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

function create() {
  // Sessions in UTC: the schema's timestamps have no zone, and SQL's now() must agree with the
  // UTC instants Prisma writes whatever the server's default time zone is.
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, options: '-c timezone=UTC' });
  return new PrismaClient({ adapter });
}

// One client per process (kept on globalThis so dev hot reload doesn't leak pools), created on
// first use so that importing this module (as `next build` does) needs no database.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient };
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    globalForDb.prisma ??= create();
    const value = Reflect.get(globalForDb.prisma, key);
    return typeof value === 'function' ? value.bind(globalForDb.prisma) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
