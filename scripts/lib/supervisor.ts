import type { Proc } from './procs';

/**
 * Keeps one long-running child (the realtime server, the app) up: when it exits on its own it
 * is started again after a back-off, and each restart is logged. It gives up only when the
 * child keeps crashing right after start (`maxQuickCrashes` runs in a row shorter than
 * `stableMs`): then `onGiveUp` decides (the start script stops everything).
 */
export interface SupervisorOptions {
  name: string;
  /** Spawns the child (a new process each time). */
  spawn: () => Proc;
  /** Resolves when a (re)started child is ready to serve; rejects if it is not. */
  ready?: (p: Proc) => Promise<void>;
  log: (line: string) => void;
  /** First wait before a restart; doubles after each quick crash, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A run shorter than this is a crash "right after start". */
  stableMs?: number;
  /** Quick crashes in a row after which it gives up. */
  maxQuickCrashes?: number;
  onGiveUp: (why: string) => void;
}

export interface Supervisor {
  /** Starts the child and waits until it is ready (a failure here fails the start: no retry). */
  start(): Promise<void>;
  /** Stops it for good (no restart). */
  stop(stopProc: (p: Proc) => Promise<void>): Promise<void>;
  /** The current process (undefined while waiting to restart). */
  current(): Proc | undefined;
  restarts(): number;
}

/** Delay before the next restart, after `quickCrashes` quick crashes in a row. */
export function restartDelay(quickCrashes: number, initialDelayMs: number, maxDelayMs: number): number {
  return Math.min(initialDelayMs * 2 ** Math.max(0, quickCrashes - 1), maxDelayMs);
}

export function supervise(opts: SupervisorOptions): Supervisor {
  const initialDelayMs = opts.initialDelayMs ?? 1_000;
  const maxDelayMs = opts.maxDelayMs ?? 30_000;
  const stableMs = opts.stableMs ?? 30_000;
  const maxQuickCrashes = opts.maxQuickCrashes ?? 5;
  let proc: Proc | undefined;
  let stopped = false;
  let quickCrashes = 0;
  let restarts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Restarts begin once the first start was ready (a failed start is the caller's to report). */
  let live = false;

  const describe = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `signal ${signal}` : `exit code ${code}`);

  function launch(): Proc {
    const p = opts.spawn();
    const startedAt = Date.now();
    proc = p;
    void p.exited.then(({ code, signal }) => {
      if (stopped || proc !== p || !live) return;
      proc = undefined;
      const ranMs = Date.now() - startedAt;
      quickCrashes = ranMs < stableMs ? quickCrashes + 1 : 1;
      if (ranMs < stableMs && quickCrashes >= maxQuickCrashes) {
        opts.onGiveUp(
          `${opts.name} exited (${describe(code, signal)}) ${quickCrashes} times in a row within ${Math.round(stableMs / 1000)} s of starting; giving up.`,
        );
        return;
      }
      const delay = restartDelay(quickCrashes, initialDelayMs, maxDelayMs);
      opts.log(`${opts.name} exited unexpectedly (${describe(code, signal)}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${restarts + 1}).`);
      timer = setTimeout(() => {
        timer = undefined;
        if (stopped) return;
        restarts++;
        const next = launch();
        (opts.ready ? opts.ready(next) : Promise.resolve()).then(
          () => {
            if (!stopped && proc === next) opts.log(`${opts.name} is back (restart ${restarts}).`);
          },
          (err: unknown) => {
            // Not ready: if it exited, its exit handler takes over; if it hangs, stop it so it does.
            if (!stopped && proc === next && !next.hasExited()) {
              opts.log(`${opts.name} did not become ready after a restart (${err instanceof Error ? err.message : String(err)}); stopping it.`);
              next.child.kill('SIGKILL');
            }
          },
        );
      }, delay);
    });
    return p;
  }

  return {
    async start() {
      const p = launch();
      if (opts.ready) await opts.ready(p);
      if (p.hasExited()) throw new Error(`${opts.name} exited during its start`);
      live = true;
    },
    async stop(stopProc) {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (proc) await stopProc(proc);
    },
    current: () => proc,
    restarts: () => restarts,
  };
}
