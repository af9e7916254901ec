/**
 * npm start — the one command that runs everything on one machine:
 *   .env (made on first run with fresh secrets) → embedded PostgreSQL (unless DATABASE_URL)
 *   → prisma generate (if needed) → migrate deploy → demo seed (unless SEED_DEMO_DATA=false)
 *   → next build (if stale; `--dev` runs `next dev` instead) → built-in realtime server
 *   (unless PUSHER_HOST names an external one) → the app; Ctrl-C stops the app, the
 *   realtime server and PostgreSQL, in that order. A server that crashes is restarted with
 *   back-off (PostgreSQL stays up); it all stops only if one keeps crashing right after start.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startMailCatcher } from '../lib/mail/catcher';
import { createLifecycle } from './lib/lifecycle';
import { writeLine } from './lib/output';
import { assertPortFree } from './lib/ports';
import { cmd, startProc, waitForApp, waitForUrl, type Env, type Proc } from './lib/procs';
import { supervise, type Supervisor } from './lib/supervisor';
import { ENV_FILE, buildNeeded, ensureLocalDatabase, generatedClientMissing, loadDotEnv, migrateDeploy, nextBuild, prismaGenerate, seed } from './lib/steps';

const dev = process.argv.includes('--dev');
const secret = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

// ── .env: written once, never overwritten; missing secrets are appended ───────────────
function ensureDotEnv(): void {
  const file = ENV_FILE;
  const groups: { comment: string; vars: [string, () => string][] }[] = [
    {
      comment: '# Sign-in (next-auth): signs session cookies. Make one with: openssl rand -base64 32',
      vars: [['NEXTAUTH_SECRET', () => secret()]],
    },
    {
      comment:
        '# Realtime (Pusher protocol): credentials shared by the app and the built-in realtime server.\n' +
        '# For hosted Pusher Channels or another Pusher-protocol server, put its credentials here and set\n' +
        '# PUSHER_HOST / PUSHER_PORT / PUSHER_USE_TLS (see .env.example); then the built-in server is not started.',
      vars: [
        ['PUSHER_APP_ID', () => String(crypto.randomInt(100000, 999999))],
        ['PUSHER_KEY', () => crypto.randomBytes(10).toString('hex')],
        ['PUSHER_SECRET', () => crypto.randomBytes(20).toString('hex')],
      ],
    },
    {
      comment: '# Ports: the app (http://localhost:PORT) and the built-in realtime server',
      vars: [
        ['PORT', () => '3000'],
        ['REALTIME_PORT', () => '6001'],
      ],
    },
    {
      comment:
        '# Database: without DATABASE_URL an embedded PostgreSQL runs with its data in .data/pg on\n' +
        '# EMBEDDED_PG_PORT (another free port if that one is taken). For a managed PostgreSQL set e.g.\n' +
        '# DATABASE_URL=postgresql://user:password@db.example.com:5432/chat?sslmode=require',
      vars: [['EMBEDDED_PG_PORT', () => '5433']],
    },
    {
      comment: '# Demo organisation seeded into an empty database (turn off in production)',
      vars: [['SEED_DEMO_DATA', () => 'true']],
    },
  ];
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const has = (name: string) => existing !== undefined && new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, 'm').test(existing);
  let out = '';
  for (const g of groups) {
    const missing = g.vars.filter(([name]) => !has(name));
    if (missing.length === 0) continue;
    out += `\n${g.comment}\n${missing.map(([name, make]) => `${name}=${make()}`).join('\n')}\n`;
  }
  if (existing === undefined) {
    fs.writeFileSync(file, `# Local settings for npm start — made on first run; edit freely, it is never overwritten.\n# Every variable is described in .env.example.\n${out}`, { mode: 0o600 });
    say('wrote .env with freshly generated secrets');
  } else if (out) {
    fs.appendFileSync(file, `${existing.endsWith('\n') ? '' : '\n'}${out}`);
    say(`added missing settings to .env: ${out.match(/^[A-Z_]+(?==)/gm)?.join(', ')}`);
  }
}

// ── lifecycle ────────────────────────────────────────────────────────────────────────
// Ctrl-C stops the app, the realtime server and PostgreSQL, in that order — also when stdout
// is a pipe whose reader has gone. A server that crashes is restarted with back-off (logged);
// PostgreSQL stays up; everything stops only if a server keeps crashing right after start.
const life = createLifecycle();
const say = life.say;

function superviseServer(name: string, spawn: () => Proc, ready: (p: Proc) => Promise<void>): Supervisor {
  const s = supervise({
    name,
    spawn,
    ready,
    log: say,
    initialDelayMs: 1_000, // then 2, 4, 8 s… (up to 30 s) while it keeps crashing
    stableMs: 30_000, // a run this long resets the back-off
    maxQuickCrashes: 5,
    onGiveUp: (why) => void life.shutdown(1, `${why} Stopping everything; see its output above.`),
  });
  // The app drains on SIGTERM within SHUTDOWN_DEADLINE_MS (lib/ops/drain.ts): wait that long, and a little more.
  const appStopMs = (Number(process.env.SHUTDOWN_DEADLINE_MS) || 30_000) + 5_000;
  life.add(name === 'app' ? 'the app' : 'the realtime server', s, name === 'app' ? appStopMs : 10_000);
  return s;
}

function printBanner(appUrl: string, realtimeInfo: string, mailInfo: string): void {
  const database = life.database();
  const rows = [
    ['admin@example.com', 'admin123!', 'Admin'],
    ['supervisor@example.com', 'super123!', 'Supervisor'],
    ['agent1@example.com … agent4@example.com', 'agent123!', 'Agent'],
  ];
  const w = [Math.max(...rows.map((r) => r[0].length), 7), 10, 10];
  const line = (c: string[]) => `  ${c[0].padEnd(w[0])}  ${c[1].padEnd(w[1])}  ${c[2]}`;
  const seeded = process.env.SEED_DEMO_DATA !== 'false';
  writeLine(
    [
      '',
      `Chat console is running${dev ? ' (development mode)' : ''}:`,
      `  Contact chat page   ${appUrl}/chat`,
      `  Sign in             ${appUrl}/login`,
      `  Agent               ${appUrl}/agent`,
      `  Supervisor          ${appUrl}/supervisor`,
      `  Admin               ${appUrl}/admin`,
      `  Realtime            ${realtimeInfo}`,
      `  Database            ${database ? `embedded PostgreSQL on 127.0.0.1:${database.port} (data in .data/pg)` : 'DATABASE_URL'}`,
      `  Mail                ${mailInfo}`,
      '',
      ...(seeded
        ? ['Demo sign-ins (seeded into an empty database):', line(['sign-in', 'password', 'role']), ...rows.map(line), '']
        : []),
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  ensureDotEnv();
  loadDotEnv(ENV_FILE);
  const env = process.env;
  const port = Number(env.PORT || 3000);
  // The built-in realtime server runs unless an external one is configured (by host, or hosted Pusher by cluster).
  const embeddedRealtime = !env.PUSHER_HOST && !env.PUSHER_CLUSTER;
  const realtimePort = Number(env.REALTIME_PORT || 6001);

  // Fail fast, before starting anything, if our ports are taken.
  await assertPortFree(port, 'the app', 'PORT');
  if (embeddedRealtime) await assertPortFree(realtimePort, 'the built-in realtime server', 'REALTIME_PORT');

  life.setDatabase(await ensureLocalDatabase(say));
  if (generatedClientMissing()) await prismaGenerate();
  await migrateDeploy(env, true);
  say('database schema is up to date');
  if (env.SEED_DEMO_DATA !== 'false') await seed();

  const appUrl = `http://localhost:${port}`;
  env.NEXTAUTH_URL ||= appUrl;
  if (embeddedRealtime) {
    env.PUSHER_HOST = '127.0.0.1';
    env.PUSHER_PORT = String(realtimePort);
    env.PUSHER_USE_TLS = 'false';
  }

  if (!dev) {
    const why = buildNeeded();
    if (why) {
      say(`building the app (${why}) — this takes a few minutes…`);
      await nextBuild(env);
    }
  }

  let realtimeInfo = env.PUSHER_HOST
    ? `external server ${env.PUSHER_USE_TLS === 'true' ? 'https' : 'http'}://${env.PUSHER_HOST}${env.PUSHER_PORT ? `:${env.PUSHER_PORT}` : ''}`
    : `hosted Pusher Channels (cluster ${env.PUSHER_CLUSTER})`;
  if (embeddedRealtime) {
    const host = env.REALTIME_HOST || '127.0.0.1';
    const realtimeEnv: Env = {
      ...env,
      REALTIME_HOST: host,
      REALTIME_PORT: String(realtimePort),
      REALTIME_WEBHOOK_URL: env.REALTIME_WEBHOOK_URL || `http://127.0.0.1:${port}/api/pusher/webhook`,
      ...(dev ? { NODE_ENV: 'development' } : {}),
    };
    const probeHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    const realtime = superviseServer(
      'realtime',
      () => startProc('realtime', cmd.tsx('realtime-server/main.ts'), { detached: true, env: realtimeEnv }),
      (p) => waitForUrl(`http://${probeHost}:${realtimePort}/health`, { proc: p, timeoutMs: 60_000 }),
    );
    await realtime.start();
    realtimeInfo = `built-in server on ${host}:${realtimePort}`;
  }

  // Mail: with no SMTP_URL, a local catcher (in this process) receives every mail as an .eml file.
  let mailInfo = 'SMTP_URL';
  if (!env.SMTP_URL) {
    const dir = path.resolve(env.MAIL_DIR || '.data/mail');
    const catcher = await startMailCatcher({ dir, port: Number(env.MAIL_CATCHER_PORT || 0) });
    env.SMTP_URL = catcher.smtpUrl;
    mailInfo = `local catcher on ${catcher.smtpUrl}: every mail is a .eml file in ${path.relative(process.cwd(), dir) || dir}`;
    say(`no SMTP_URL: mails go to the local catcher, read them in ${dir}`);
  }

  const appEnv: Env = { ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' };
  delete appEnv.NODE_ENV; // next sets it (production for start, development for dev)
  const app = superviseServer(
    'app',
    () => startProc('app', cmd.app(dev ? 'dev' : 'start', port), { detached: true, env: appEnv }),
    (p) => waitForApp(`http://127.0.0.1:${port}`, { proc: p, timeoutMs: dev ? 300_000 : 120_000 }),
  );
  await app.start();
  printBanner(appUrl, realtimeInfo, mailInfo);
}

main().catch((err: unknown) => {
  writeLine(`\n[start] ${err instanceof Error ? err.message : String(err)}`, process.stderr);
  void life.shutdown(1);
});
