/** Stops what the global setup started (app, realtime server, PostgreSQL) and removes its temp dir.
 * Server logs are copied to test-results/server-logs/ first. E2E_KEEP=1 keeps the temp dir. */
import fs from 'node:fs';
import path from 'node:path';
import { stopEmbeddedPg } from '../scripts/lib/embedded-pg';
import { ROOT, stopPid } from '../scripts/lib/procs';
import { e2eState } from './fixtures/servers';

export default async function globalTeardown(): Promise<void> {
  if (!process.env.E2E_STATE_FILE || !fs.existsSync(process.env.E2E_STATE_FILE)) return;
  const state = e2eState();
  await stopPid(state.app.pid, { timeoutMs: 15_000 });
  await stopPid(state.realtime.pid, { timeoutMs: 10_000 });
  await stopEmbeddedPg(state.pgDataDir);
  const logsOut = path.join(ROOT, 'test-results', 'server-logs');
  fs.mkdirSync(logsOut, { recursive: true });
  for (const f of [state.app.logFile, state.realtime.logFile, path.join(path.dirname(state.app.logFile), 'seed.log')]) {
    if (fs.existsSync(f)) fs.copyFileSync(f, path.join(logsOut, path.basename(f)));
  }
  if (!process.env.E2E_KEEP) fs.rmSync(state.root, { recursive: true, force: true });
}
