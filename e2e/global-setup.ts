/**
 * Playwright global setup: a fresh world for every run — an embedded PostgreSQL in a temp
 * dir (migrated and seeded with the demo data), the built-in realtime server and
 * `next start`, on free ports with freshly generated secrets. Builds first if `.next` is
 * missing or older than the sources. Tests reach the app through `baseURL`
 * (E2E_BASE_URL) and the servers through ./fixtures/servers.ts.
 *
 * One such stack per Playwright worker: each worker runs its spec files against its own
 * database, realtime server and app (fixtures/servers.ts picks the stack by the worker's
 * TEST_PARALLEL_INDEX), so the demo organisation a test sets up is never shared with a test
 * running at the same time, and the specs need not know they run in parallel.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTempPgDir, startEmbeddedPg, stopEmbeddedPg } from '../scripts/lib/embedded-pg';
import { getFreePort } from '../scripts/lib/ports';
import { ROOT, cmd, stopPid, waitForApp, waitForUrl } from '../scripts/lib/procs';
import { GENERATE_PLACEHOLDER_URL, buildNeeded, generatedClientMissing, migrateDeploy, nextBuild, prismaGenerate, seed } from '../scripts/lib/steps';
import { CHROMIUM_PATH } from './chromium';
import type { FullConfig } from '@playwright/test';
import { startMailCatcherProcess } from './fixtures/mail';
import { spawnDetached, stackStateFile, writeState, type E2EState } from './fixtures/servers';

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(empty)';
  }
}

export default async function globalSetup(config: FullConfig): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
  const started = Date.now();
  const log = (m: string) => process.stdout.write(`[e2e setup] ${m}\n`);
  // Build before choosing the servers' ports, so no other process can take them meanwhile.
  const why = buildNeeded();
  if (why) {
    log(`building the app: ${why}`);
    // The build reads no database; the placeholder only satisfies the schema's env() (see steps.ts).
    const buildEnv: Record<string, string> = { ...(process.env as Record<string, string>), DATABASE_URL: GENERATE_PLACEHOLDER_URL, NEXT_TELEMETRY_DISABLED: '1' };
    delete buildEnv.NODE_ENV;
    if (generatedClientMissing()) await prismaGenerate(buildEnv);
    await nextBuild(buildEnv);
  }
  const stacks = Math.max(1, config.workers);
  // The stacks' state files, side by side: state-0.json, state-1.json …
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-e2e-run-'));
  const file0 = path.join(runDir, 'state-0.json');
  const states = await Promise.allSettled(Array.from({ length: stacks }, (_, i) => startStack(i, stackStateFile(i, file0), log)));
  const failed = states.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const r of states) if (r.status === 'fulfilled') await stopStack(r.value);
    fs.rmSync(runDir, { recursive: true, force: true });
    throw failed.reason;
  }
  const [first] = states as PromiseFulfilledResult<E2EState>[];
  // Inherited by the test workers (started after this), which also read the config's baseURL from
  // it; worker n uses stackStateFile(n) (fixtures/servers.ts), the first stack's is this one.
  process.env.E2E_STATE_FILE = file0;
  process.env.E2E_BASE_URL = first!.value.baseURL;
  log(`${stacks} stack(s) ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Stops one stack's servers and database and removes its temp dir (unless E2E_KEEP). */
async function stopStack(state: Pick<E2EState, 'root' | 'pgDataDir'> & { pids?: number[] }): Promise<void> {
  for (const pid of (state.pids ?? []).reverse()) await stopPid(pid, { timeoutMs: 5000 });
  await stopEmbeddedPg(state.pgDataDir);
  if (!process.env.E2E_KEEP) fs.rmSync(state.root, { recursive: true, force: true });
}

async function startStack(index: number, stateFile: string, say: (m: string) => void): Promise<E2EState & { pids: number[] }> {
  const { root, dataDir } = makeTempPgDir(`chat-e2e-${index}-`);
  const logs = path.join(root, 'logs');
  const pids: number[] = [];
  const started = Date.now();
  const log = (m: string) => say(`[stack ${index}] ${m}`);
  try {
    const pg = await startEmbeddedPg({ dataDir, port: 0, database: 'chat_e2e' });
    const [appPort, realtimePort, mailPort] = [await getFreePort(), await getFreePort(), await getFreePort()];
    const baseURL = `http://127.0.0.1:${appPort}`;
    const appEnv: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATABASE_URL: pg.url,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
      NEXTAUTH_URL: baseURL,
      PUSHER_APP_ID: String(crypto.randomInt(100000, 999999)),
      PUSHER_KEY: crypto.randomBytes(10).toString('hex'),
      PUSHER_SECRET: crypto.randomBytes(20).toString('hex'),
      PUSHER_HOST: '127.0.0.1',
      PUSHER_PORT: String(realtimePort),
      PUSHER_USE_TLS: 'false',
      PUSHER_PUBLIC_HOST: '127.0.0.1',
      PUSHER_PUBLIC_PORT: String(realtimePort),
      PORT: String(appPort),
      SEED_DEMO_DATA: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
      // The tests play the proxy: each sets X-Forwarded-For to give its contacts their own
      // address (and rate-limit budget). Without TRUST_PROXY the app ignores that header and
      // counts the TCP peer (127.0.0.1 for every test) — see clientIp in lib/http.ts.
      TRUST_PROXY: 'true',
      // Browsers, PostgreSQL and the app share two cores here, so the event loop can lag from
      // starvation alone; the tests call the API directly and expect answers, not load shedding
      // (which has its own unit tests and the bench's --overload run).
      OVERLOAD_MAX_LOOP_DELAY_MS: process.env.OVERLOAD_MAX_LOOP_DELAY_MS ?? '10000',
      // Attachments (disk store): each stack keeps its files in its own temp dir, removed with it,
      // instead of the checkout's shared .data/files.
      FILE_DIR: path.join(root, 'files'),
      // Mail: this stack's local catcher (started below); tests read MAIL_DIR (e2e/fixtures/mail.ts).
      SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
      MAIL_DIR: path.join(root, 'mail'),
      MAIL_FROM: 'Chat console <no-reply@e2e.test>',
      MAIL_POLL_MS: '1000',
    };
    delete appEnv.NODE_ENV;
    log(`PostgreSQL on 127.0.0.1:${pg.port} (${dataDir})`);

    await migrateDeploy(appEnv, true);
    await seed(appEnv, path.join(logs, 'seed.log')).catch((err: Error) => {
      throw new Error(`${err.message}\n${tail(path.join(logs, 'seed.log'))}`);
    });

    const mailLog = path.join(logs, 'mail.log');
    const mailPid = await startMailCatcherProcess({ dir: appEnv.MAIL_DIR!, port: mailPort, logFile: mailLog, env: appEnv });
    pids.push(mailPid);

    const realtimeEnv = {
      ...appEnv,
      REALTIME_HOST: '127.0.0.1',
      REALTIME_PORT: String(realtimePort),
      REALTIME_WEBHOOK_URL: `${baseURL}/api/pusher/webhook`,
    };
    const realtimeArgv = cmd.tsx('realtime-server/main.ts');
    const realtimeLog = path.join(logs, 'realtime.log');
    const realtimePid = spawnDetached(realtimeArgv, realtimeEnv, realtimeLog, ROOT);
    pids.push(realtimePid);
    const healthUrl = `http://127.0.0.1:${realtimePort}/health`;
    await waitForUrl(healthUrl, { timeoutMs: 60_000, pid: realtimePid }).catch((err: Error) => {
      throw new Error(`realtime server: ${err.message}\n${tail(realtimeLog)}`);
    });

    const appLog = path.join(logs, 'app.log');
    const appPid = spawnDetached(cmd.app('start', appPort), appEnv, appLog, ROOT);
    pids.push(appPid);
    await waitForApp(baseURL, { timeoutMs: 120_000, pid: appPid }).catch((err: Error) => {
      throw new Error(`app: ${err.message}\n${tail(appLog)}`);
    });

    const state: E2EState = {
      root,
      baseURL,
      databaseUrl: pg.url,
      pgDataDir: dataDir,
      app: { pid: appPid, port: appPort, logFile: appLog },
      realtime: { pid: realtimePid, port: realtimePort, logFile: realtimeLog, argv: realtimeArgv, env: realtimeEnv, healthUrl },
      mail: { pid: mailPid, port: mailPort, logFile: mailLog },
      appEnv,
    };
    writeState(state, stateFile);
    log(`app ${baseURL}, realtime 127.0.0.1:${realtimePort}, ready in ${Math.round((Date.now() - started) / 1000)} s (logs: ${logs})`);
    return { ...state, pids };
  } catch (err) {
    await stopStack({ root, pgDataDir: dataDir, pids });
    throw err;
  }
}
