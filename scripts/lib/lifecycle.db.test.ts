import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempPgDir, stopEmbeddedPg } from './embedded-pg';
import { isAlive } from './procs';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsxLoader = path.resolve(here, '../../node_modules/tsx/dist/loader.mjs');

describe('start script lifecycle', () => {
  let tmp: { root: string; dataDir: string } | undefined;
  afterEach(async () => {
    if (!tmp) return;
    await stopEmbeddedPg(tmp.dataDir);
    fs.rmSync(tmp.root, { recursive: true, force: true });
  });

  it('with its stdout closed (npm start | tee log, then Ctrl-C), it still stops the app and PostgreSQL', async () => {
    tmp = makeTempPgDir('lifecycle-pg-');
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(here, 'fixtures/fake-start.ts'), tmp.dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      const rl = readline.createInterface({ input: child.stdout });
      rl.on('line', (l) => l.includes('ready') && (rl.close(), resolve()));
      void exited.then((code) => reject(new Error(`fixture exited ${code}: ${stderr}`)));
    });
    const pgPid = Number(fs.readFileSync(path.join(tmp.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isAlive(pgPid)).toBe(true);

    child.stdout.destroy(); // the reader (tee) has gone: every further write gets EPIPE
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/EPIPE/);
    expect(isAlive(pgPid)).toBe(false);
  });
});
