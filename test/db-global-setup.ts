/**
 * Vitest global setup for the `db` project: a throwaway embedded PostgreSQL on a free port
 * in a temp dir (or TEST_DATABASE_URL when set), migrated with `prisma migrate deploy`.
 *
 * Tests get DATABASE_URL and the other variables lib/env.ts needs through process.env
 * (set here before the test workers start, so they inherit it) and through
 * `inject('testEnv')` — see test/db.ts.
 */
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { makeTempPgDir, startEmbeddedPg } from '../scripts/lib/embedded-pg';
import { migrateDeploy } from '../scripts/lib/steps';

/** Dummy values: broadcasting to the closed PUSHER_PORT fails, and is only logged. */
export const TEST_ENV = {
  NEXTAUTH_SECRET: 'test-nextauth-secret-0123456789abcdef',
  NEXTAUTH_URL: 'http://127.0.0.1:3999',
  PUSHER_APP_ID: 'test-app',
  PUSHER_KEY: 'test-key',
  PUSHER_SECRET: 'test-secret',
  PUSHER_HOST: '127.0.0.1',
  PUSHER_PORT: '9',
  PUSHER_USE_TLS: 'false',
} as const;

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  let stop = async () => {};
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const { root, dataDir } = makeTempPgDir('chat-vitest-pg-');
    try {
      const pg = await startEmbeddedPg({ dataDir, port: 0, database: 'chat_test' });
      url = pg.url;
      stop = async () => {
        await pg.stop();
        fs.rmSync(root, { recursive: true, force: true });
      };
    } catch (err) {
      fs.rmSync(root, { recursive: true, force: true });
      throw err;
    }
  }
  const testEnv: Record<string, string> = { ...TEST_ENV, DATABASE_URL: url };
  try {
    await migrateDeploy({ ...process.env, ...testEnv }, true);
  } catch (err) {
    await stop();
    throw err;
  }
  Object.assign(process.env, testEnv);
  project.provide('testEnv', testEnv);
  return stop;
}
