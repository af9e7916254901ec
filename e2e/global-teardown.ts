/** Stops what the global setup started (each stack's app, realtime server, PostgreSQL) and removes
 * their temp dirs. Server logs are copied to test-results/server-logs/ first (stack n's into
 * stack-n/). E2E_KEEP=1 keeps the temp dirs. */
import fs from 'node:fs';
import path from 'node:path';
import { stopEmbeddedPg } from '../scripts/lib/embedded-pg';
import { ROOT, stopPid } from '../scripts/lib/procs';
import { allStates } from './fixtures/servers';

export default async function globalTeardown(): Promise<void> {
  const file = process.env.E2E_STATE_FILE;
  if (!file || !fs.existsSync(file)) return;
  const states = allStates();
  await Promise.all(
    states.map(async (state, n) => {
      await stopPid(state.app.pid, { timeoutMs: 15_000 });
      await stopPid(state.realtime.pid, { timeoutMs: 10_000 });
      if (state.mail) await stopPid(state.mail.pid, { timeoutMs: 5_000 });
      await stopEmbeddedPg(state.pgDataDir);
      const logsOut = path.join(ROOT, 'test-results', 'server-logs', ...(states.length > 1 ? [`stack-${n}`] : []));
      fs.mkdirSync(logsOut, { recursive: true });
      for (const f of [state.app.logFile, state.realtime.logFile, path.join(path.dirname(state.app.logFile), 'seed.log')]) {
        if (fs.existsSync(f)) fs.copyFileSync(f, path.join(logsOut, path.basename(f)));
      }
      if (!process.env.E2E_KEEP) fs.rmSync(state.root, { recursive: true, force: true });
    }),
  );
  if (!process.env.E2E_KEEP) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
