import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const tsxLoader = path.join(root, 'node_modules/tsx/dist/loader.mjs');

describe('npm run realtime (main.ts)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the .env that npm start wrote, in the folder it is run from; the environment wins', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-env-'));
    fs.writeFileSync(path.join(dir, '.env'), 'PUSHER_APP_ID=123456\nPUSHER_KEY=k-from-dotenv\nPUSHER_SECRET=s-from-dotenv\nREALTIME_PORT=1\n');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, REALTIME_PORT: '0', REALTIME_LOG_LEVEL: 'warn' } as unknown as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(here, 'main.ts')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          try {
            const m = JSON.parse(line) as { msg?: string; port?: number };
            if (m.msg === 'listening' && m.port) resolve(m.port);
          } catch {
            /* not JSON */
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      expect(port).toBeGreaterThan(1); // REALTIME_PORT=0 from the environment won over the .env's 1
      // The app key from .env is the one the server accepts.
      const first = await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/app/k-from-dotenv?protocol=7`);
        ws.once('message', (d) => {
          resolve((JSON.parse(String(d)) as { event: string }).event);
          ws.close();
        });
        ws.once('error', reject);
      });
      expect(first).toBe('pusher:connection_established');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
