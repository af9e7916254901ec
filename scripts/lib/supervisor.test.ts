import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProc, stopProc, type Proc } from './procs';
import { restartDelay, supervise, type Supervisor } from './supervisor';

/** A fake server: the n-th run (counted in `file`) exits with code 3 after 50 ms while n ≤ crashes, else runs. */
const FAKE = `const fs=require('fs');const f=process.argv[1];const c=Number(process.argv[2]);
const n=Number(fs.existsSync(f)?fs.readFileSync(f,'utf8'):0)+1;fs.writeFileSync(f,String(n));
if(n<=c)setTimeout(()=>process.exit(3),50);else setInterval(()=>{},1000);`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(what: string, cond: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('supervise (the start script keeps its servers up)', () => {
  let dir: string;
  let sup: Supervisor | undefined;
  afterEach(async () => {
    await sup?.stop((p) => stopProc(p, 2000));
    sup = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function fake(crashes: number, log: string[], extra: Partial<Parameters<typeof supervise>[0]> = {}) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervise-'));
    const counter = path.join(dir, 'runs');
    const spawned: Proc[] = [];
    sup = supervise({
      name: 'realtime',
      spawn: () => {
        const p = startProc('fake', [process.execPath, '-e', FAKE, counter, String(crashes)], { silent: true });
        spawned.push(p);
        return p;
      },
      ready: () => sleep(5),
      log: (l) => log.push(l),
      initialDelayMs: 20,
      maxDelayMs: 200,
      stableMs: 5_000,
      maxQuickCrashes: 4,
      onGiveUp: (why) => log.push(`GAVE UP: ${why}`),
      ...extra,
    });
    return { spawned, runs: () => Number(fs.readFileSync(counter, 'utf8')) };
  }

  it('restarts a crashed server with back-off and logs each restart; it then stays up', async () => {
    const log: string[] = [];
    const { spawned } = fake(2, log);
    await sup!.start();
    await until('two restarts and a healthy run', () => sup!.restarts() === 2 && log.some((l) => l.includes('is back (restart 2)')));
    await sleep(200);
    expect(spawned).toHaveLength(3);
    expect(spawned[2].hasExited()).toBe(false);
    expect(sup!.current()).toBe(spawned[2]);
    expect(log.filter((l) => /realtime exited unexpectedly \(exit code 3\); restarting in 0\.0 s \(restart \d\)/.test(l))).toHaveLength(2);
    expect(log.some((l) => l.startsWith('GAVE UP'))).toBe(false);
  });

  it('gives up only when the server keeps crashing right after start', async () => {
    const log: string[] = [];
    const { spawned } = fake(1000, log);
    await sup!.start();
    await until('giving up', () => log.some((l) => l.startsWith('GAVE UP')));
    expect(spawned).toHaveLength(4);
    expect(log.at(-1)).toMatch(/realtime exited \(exit code 3\) 4 times in a row within 5 s of starting; giving up/);
    await sleep(150);
    expect(spawned).toHaveLength(4); // no restart after giving up
  });

  it('stop() during the back-off wait: no restart', async () => {
    const log: string[] = [];
    const { spawned } = fake(1000, log, { initialDelayMs: 300 });
    await sup!.start();
    await until('the first crash', () => log.length > 0);
    await sup!.stop((p) => stopProc(p, 2000));
    await sleep(500);
    expect(spawned).toHaveLength(1);
  });

  it('back-off doubles per quick crash, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelay(n, 1000, 30_000))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
