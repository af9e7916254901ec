import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeLine } from './output';

/** Repository root (this file is scripts/lib/procs.ts). */
/** Environment for a child (looser than NodeJS.ProcessEnv, whose NODE_ENV Next types as required). */
export type Env = Record<string, string | undefined>;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Commands as [executable, ...args] run with this Node directly — one PID per server, so
 * signals reach the real process (no npx / sh / tsx-wrapper in between).
 */
export const cmd = {
  tsx: (file: string, ...args: string[]) => [process.execPath, '--import', 'tsx', file, ...args],
  prisma: (...args: string[]) => [process.execPath, path.join(ROOT, 'node_modules/prisma/build/index.js'), ...args],
  next: (...args: string[]) => [process.execPath, path.join(ROOT, 'node_modules/next/dist/bin/next'), ...args],
  /** The app server (server.ts: Next.js plus the fast lane), as `next start -p PORT` / `next dev` would be. */
  app: (mode: 'start' | 'dev', port: number) => [process.execPath, '--import', 'tsx', path.join(ROOT, 'server.ts'), '--port', String(port), ...(mode === 'dev' ? ['--dev'] : [])],
};

const COLORS = [36, 35, 33, 32, 34, 31];
let nextColor = 0;
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

/** Writes each line of `stream` to our stdout as `[name] line`. */
export function prefixLines(stream: NodeJS.ReadableStream | null | undefined, name: string, color: number): void {
  if (!stream) return;
  const tag = useColor ? `\x1b[${color}m[${name}]\x1b[0m ` : `[${name}] `;
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    writeLine(tag + line);
  });
}

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
}

export interface StartOptions {
  env?: Env;
  cwd?: string;
  /** Own process group, so a terminal's Ctrl-C reaches only us and we stop children in order. */
  detached?: boolean;
  /** Send output to this file (appending) instead of prefixing it onto our stdout. */
  logFile?: string;
  /** Called with every output line (in addition to printing / logging). */
  onLine?: (line: string) => void;
  /** Neither print nor log the output (use with onLine). */
  silent?: boolean;
}

/** Starts a long-running child; its output is prefixed with `[name]` (or goes to logFile). */
export function startProc(name: string, argv: string[], opts: StartOptions = {}): Proc {
  const [file, ...args] = argv;
  let stdio: SpawnOptions['stdio'] = ['ignore', 'pipe', 'pipe'];
  let fd: number | undefined;
  if (opts.logFile) {
    fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
    fd = fs.openSync(opts.logFile, 'a');
    stdio = ['ignore', fd, fd];
  }
  const child = spawn(file, args, { cwd: opts.cwd ?? ROOT, env: (opts.env ?? process.env) as NodeJS.ProcessEnv, stdio, detached: opts.detached });
  if (fd !== undefined) fs.closeSync(fd);
  const color = COLORS[nextColor++ % COLORS.length];
  if (!opts.logFile && !opts.silent) {
    prefixLines(child.stdout, name, color);
    prefixLines(child.stderr, name, color);
  }
  if (opts.onLine) {
    for (const s of [child.stdout, child.stderr]) if (s) readline.createInterface({ input: s }).on('line', opts.onLine);
  }
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (err) => {
      done = true;
      process.stderr.write(`[${name}] failed to start: ${err.message}\n`);
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  if (!child.pid) throw new Error(`${name}: could not start ${file}`);
  return { name, child, pid: child.pid, exited, hasExited: () => done };
}

/** Runs a command to completion with prefixed output; throws if it fails. */
export async function run(
  name: string,
  argv: string[],
  opts: Omit<StartOptions, 'detached'> & { quiet?: boolean } = {},
): Promise<void> {
  const captured: string[] = [];
  const p = opts.quiet
    ? startProc(name, argv, { ...opts, logFile: undefined, onLine: (l) => captured.push(l), silent: true })
    : startProc(name, argv, opts);
  const { code, signal } = await p.exited;
  if (code !== 0) {
    const output = captured.length ? `\n${captured.slice(-60).join('\n')}` : '';
    throw new Error(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`}): ${argv.slice(1).join(' ')}${output}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** HTTP status of a GET, or 0 when nothing answers. */
export async function httpStatus(url: string, timeoutMs = 5000): Promise<number> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * Polls `probe` until it returns true. Fails early if `proc` (or the process `pid`) exits, and after `timeoutMs`.
 */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 120_000, intervalMs = 300, proc, pid }: { timeoutMs?: number; intervalMs?: number; proc?: Proc; pid?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc?.hasExited()) throw new Error(`${proc.name} exited before ${what} was ready`);
    if (pid !== undefined && !isAlive(pid)) throw new Error(`process ${pid} exited before ${what} was ready`);
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Waits until GET `url` answers 200. */
export function waitForUrl(url: string, opts: Parameters<typeof waitFor>[2] = {}): Promise<void> {
  return waitFor(url, async () => (await httpStatus(url)) === 200, opts);
}

/** The app is up when /api/health answers 200 — or, while that route does not exist yet, /login. */
export function waitForApp(baseUrl: string, opts: Parameters<typeof waitFor>[2] = {}): Promise<void> {
  return waitFor(
    `the app at ${baseUrl}`,
    async () => {
      const s = await httpStatus(`${baseUrl}/api/health`);
      if (s === 200) return true;
      return s === 404 && (await httpStatus(`${baseUrl}/login`)) === 200;
    },
    { timeoutMs: 180_000, ...opts },
  );
}

/** True while `pid` runs (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

function signal(pid: number, sig: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    if (group) signal(pid, sig, false);
  }
}

/**
 * Stops a process by pid: SIGTERM, then SIGKILL (to its whole group when it leads one,
 * i.e. was started detached) once `timeoutMs` passes. Works for processes we did not spawn.
 */
export async function stopPid(pid: number, { timeoutMs = 10_000, group = true } = {}): Promise<void> {
  if (!isAlive(pid)) return;
  signal(pid, 'SIGTERM', false);
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    process.stderr.write(`process ${pid} did not stop within ${timeoutMs} ms; killing it\n`);
    signal(pid, 'SIGKILL', group);
    while (isAlive(pid)) await sleep(50);
  } else if (group) {
    signal(pid, 'SIGKILL', true); // leftovers in its group, if any
  }
}

/** Stops a child we started: SIGTERM, then SIGKILL after `timeoutMs`. */
export async function stopProc(proc: Proc, timeoutMs = 10_000): Promise<void> {
  if (proc.hasExited()) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    process.stderr.write(`[${proc.name}] did not stop within ${timeoutMs} ms; killing it\n`);
    signal(proc.pid, 'SIGKILL', isGroupLeader(proc.pid));
  }, timeoutMs);
  await proc.exited;
  clearTimeout(timer);
}

function isGroupLeader(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]) === pid; // pgrp
  } catch {
    return false;
  }
}
