// Issue 22, as an operator does it: the product runs (npm start, on its own embedded database),
// a contact chats, `npm run db:backup` while it runs, the product stopped, the database folder
// removed, `npm run db:restore`, `npm start` again: the chat from before is there with its
// transcript, read through the product's own contact API. Everything runs for real, on throwaway
// folders and free ports (EMBEDDED_PG_DIR, START_ENV_FILE, FILE_DIR), beside the suite's stacks.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { getFreePort } from '../scripts/lib/ports';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `npm start` (scripts/start.ts) with the given environment; resolves once it prints that it is running. */
async function npmStart(env: NodeJS.ProcessEnv, log: string[]): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log.push(String(d));
      if (/Chat console is running/.test(String(d))) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => log.push(String(d)));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was running:\n${log.join('').slice(-3000)}`)));
  });
  return child;
}

/** As a client does: a 503 (the app just started and sheds while it warms up) is retried after its Retry-After. */
async function fetchRetrying(url: string, init?: RequestInit): Promise<Response> {
  for (let i = 0; ; i++) {
    const res = await fetch(url, init);
    if (res.status !== 503 || i === 20) return res;
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
  }
}

/** Ctrl-C, as an operator stops it: the app, the realtime server and PostgreSQL stop in turn. */
async function stop(child: ChildProcess): Promise<void> {
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  if (gone()) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // the group has already gone
    }
  };
  signal('SIGINT');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000))]);
  if (!gone()) signal('SIGKILL');
}

test('db:backup while it runs, the database folder removed, db:restore, npm start: the chat from before is there with its transcript', async () => {
  test.setTimeout(360_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-e2e-'));
  fs.chmodSync(dir, 0o755); // the embedded PostgreSQL runs as `postgres` when we are root
  const pgDir = path.join(dir, 'pg');
  const [appPort, realtimePort, pgPort] = [await getFreePort(), await getFreePort(), await getFreePort()];
  // Only what an operator's shell would have, plus the throwaway folders and ports.
  // (Next's types make NODE_ENV required in ProcessEnv; an operator's shell has none, so it is left out.)
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    START_ENV_FILE: path.join(dir, '.env'),
    EMBEDDED_PG_DIR: pgDir,
    EMBEDDED_PG_PORT: String(pgPort),
    PORT: String(appPort),
    REALTIME_PORT: String(realtimePort),
    FILE_DIR: path.join(dir, 'files'),
    BACKUP_DIR: path.join(dir, 'backups'),
    SEED_DEMO_DATA: 'true', // the demo organisation (its queues) into the empty database; a restored one is not seeded again
    SHUTDOWN_DEADLINE_MS: '2000',
  } as Record<string, string | undefined> as NodeJS.ProcessEnv;
  const base = `http://127.0.0.1:${appPort}`;
  const log: string[] = [];
  let product: ChildProcess | undefined;
  try {
    product = await npmStart(env, log);

    // A contact chats (no agent is needed: the chat waits in the queue with its transcript).
    const started = await fetchRetrying(`${base}/api/v1/chats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bea Backup', question: 'Is this kept?', language: 'en' }),
    });
    expect(started.status, await started.clone().text()).toBe(201);
    const chat = (await started.json()) as { chatId: string; secret: string };
    const auth = { authorization: `Bearer ${chat.secret}`, 'content-type': 'application/json' };
    for (const [i, text] of ['hello before the backup', 'and a second line'].entries()) {
      const sent = await fetchRetrying(`${base}/api/v1/chats/${chat.chatId}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ clientId: `backup-e2e-${i}`, text }) });
      expect(sent.status).toBe(200);
    }

    // Backup while the product runs.
    const { stdout } = await run('npm', ['run', '--silent', 'db:backup'], { cwd: ROOT, env });
    const dump = stdout.trim().split('\n').find((l) => l.endsWith('.dump'));
    expect(dump, stdout).toBeTruthy();
    expect(fs.existsSync(dump!)).toBe(true);

    // Stopped, and the database folder gone.
    await stop(product);
    product = undefined;
    fs.rmSync(pgDir, { recursive: true, force: true });

    await run('npm', ['run', '--silent', 'db:restore', '--', dump!], { cwd: ROOT, env });
    product = await npmStart(env, log);

    const state = await fetchRetrying(`${base}/api/v1/chats/${chat.chatId}`, { headers: auth });
    expect(state.status).toBe(200);
    const body = (await state.json()) as { contactName: string; messages: { seq: number; text: string; kind: string }[] };
    expect(body.contactName).toBe('Bea Backup');
    expect(body.messages.filter((m) => m.kind === 'TEXT').map((m) => m.text)).toEqual(['hello before the backup', 'and a second line']);
    // …and the product goes on: the restored chat takes a new line, after the restored ones.
    const after = await fetchRetrying(`${base}/api/v1/chats/${chat.chatId}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ clientId: 'backup-e2e-after', text: 'after the restore' }) });
    expect(after.status).toBe(200);
    const seqs = body.messages.map((m) => m.seq);
    expect(((await after.json()) as { message: { seq: number } }).message.seq).toBe(Math.max(...seqs) + 1);
  } finally {
    if (product) await stop(product);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
