/** The setup steps shared by the start script, `npm run db:*`, the db tests and the e2e setup. */
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPg, type EmbeddedPg } from './embedded-pg';
import { ROOT, cmd, run, type Env } from './procs';

/** The settings file npm start writes and reads: `.env`, or START_ENV_FILE (the backup/restore e2e runs a throwaway product with its own). */
export const ENV_FILE = process.env.START_ENV_FILE ? path.resolve(process.env.START_ENV_FILE) : path.join(ROOT, '.env');

/** Loads the settings file into process.env if present (variables already set win). */
export function loadDotEnv(file = ENV_FILE): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

// EMBEDDED_PG_DIR: another folder for the embedded database (the backup/restore test uses a throwaway one).
export const LOCAL_PG_DIR = process.env.EMBEDDED_PG_DIR ? path.resolve(process.env.EMBEDDED_PG_DIR) : path.join(ROOT, '.data', 'pg');

/**
 * With DATABASE_URL unset, starts the embedded PostgreSQL in `.data/pg` (port
 * EMBEDDED_PG_PORT, default 5433, or a free one if that is taken) and sets DATABASE_URL.
 * Returns the server to stop later, or undefined when an external database is configured.
 */
export async function ensureLocalDatabase(onLog?: (line: string) => void): Promise<EmbeddedPg | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const port = Number(process.env.EMBEDDED_PG_PORT || 5433);
  const db = await startEmbeddedPg({ dataDir: LOCAL_PG_DIR, port, fallbackPort: true, database: 'chat', onLog });
  if (db.adopted) onLog?.(`PostgreSQL was already running for ${LOCAL_PG_DIR} (port ${db.port}); using it.`);
  process.env.DATABASE_URL = db.url;
  return db;
}

export function generatedClientMissing(): boolean {
  return !fs.existsSync(path.join(ROOT, 'lib', 'generated', 'prisma', 'client.ts'));
}

/** Offline, Prisma 6.19 reads the generator's `engineType = "client"` only when the schema's
 * `env("DATABASE_URL")` resolves; otherwise it tries to download a query engine. Generating
 * connects to nothing, so a placeholder does. */
export const GENERATE_PLACEHOLDER_URL = 'postgresql://generate:only@127.0.0.1:1/none';

export function prismaGenerate(env: Env = process.env): Promise<void> {
  return run('prisma', cmd.prisma('generate'), { env: { ...env, DATABASE_URL: env.DATABASE_URL || GENERATE_PLACEHOLDER_URL } });
}

/** `prisma migrate deploy`; `quiet` prints its output only if it fails. */
export function migrateDeploy(env: Env = process.env, quiet = false): Promise<void> {
  return run('migrate', cmd.prisma('migrate', 'deploy'), { env, quiet });
}

/** Seeds demo data on an empty database via `prisma/seed.ts` (it decides; idempotent). */
export async function seed(env: Env = process.env, logFile?: string): Promise<boolean> {
  if (env.SEED_DEMO_DATA === 'false') return false;
  const file = path.join(ROOT, 'prisma', 'seed.ts');
  if (!fs.existsSync(file)) {
    process.stdout.write('prisma/seed.ts does not exist yet; skipping demo data.\n');
    return false;
  }
  await run('seed', cmd.tsx(file), { env, logFile });
  return true;
}

/** Sources whose change makes a production build stale. */
const BUILD_INPUTS = ['app', 'components', 'lib', 'messages', 'i18n', 'public', 'prisma/schema.prisma', 'next.config.ts', 'next.config.mjs', 'next.config.js', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json', 'middleware.ts', 'proxy.ts'];
const SKIP = /(^|\/)(generated|node_modules)(\/|$)|\.test\.tsx?$/;

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) {
    const child = path.join(p, e);
    if (!SKIP.test(path.relative(ROOT, child))) max = Math.max(max, newestMtime(child));
  }
  return max;
}

/** Why a `next build` is needed, or undefined when `.next` is up to date with the sources. */
export function buildNeeded(): string | undefined {
  const id = path.join(ROOT, '.next', 'BUILD_ID');
  if (!fs.existsSync(id)) return 'no production build yet (.next/BUILD_ID missing)';
  const built = fs.statSync(id).mtimeMs;
  const newest = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  return newest > built ? 'sources changed since the last build' : undefined;
}

export async function nextBuild(env: Env = process.env, logFile?: string): Promise<void> {
  const buildEnv: Env = { ...env, NEXT_TELEMETRY_DISABLED: '1' };
  delete buildEnv.NODE_ENV; // next build sets production itself
  await run('build', cmd.next('build'), { env: buildEnv, logFile });
}
