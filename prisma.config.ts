import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// With a config file Prisma no longer reads .env itself.
try {
  process.loadEnvFile();
} catch {
  // no .env: the environment alone must carry DATABASE_URL
}

// Prisma 6.19's CLI cannot deserialize PostgreSQL's `char` (18) and `name` (19) columns
// through the pg adapter (prisma/orm#27403); reporting them as text (25) lets migrate work.
// Only the CLI gets this adapter; the app uses the plain one.
type QueryResultLike = { fields?: { dataTypeID: number }[] } | undefined;
function asText(r: QueryResultLike) {
  for (const f of r?.fields ?? []) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
  return r;
}
class TextNameClient extends pg.Client {
  // pg's overloads make a typed override impractical; the shape we touch is tiny.
  query(...args: unknown[]): any {
    const last = args.length - 1;
    const cb = args[last];
    if (typeof cb === 'function') {
      args[last] = (err: unknown, r: QueryResultLike) => cb(err, asText(r));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<QueryResultLike>).then(asText);
    }
    return result;
  }
}

function cliAdapter() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, Client: TextNameClient });
  return new PrismaPg(pool);
}

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    return cliAdapter();
  },
});
