import type { EmbeddedPg } from './embedded-pg';
import { stopProc, type Proc } from './procs';
import { keepGoingWhenOutputCloses, writeLine } from './output';
import type { Supervisor } from './supervisor';

/**
 * The start script's life: output that survives a closed terminal or pipe, signals, and a
 * shutdown that stops the servers (newest first) and then PostgreSQL — whatever happens to
 * stdout (`npm start | tee log`, then Ctrl-C, closes the pipe before we are done).
 */

export interface Lifecycle {
  say(line: string): void;
  setDatabase(db: EmbeddedPg | undefined): void;
  database(): EmbeddedPg | undefined;
  /** A supervised server, stopped before those added earlier and before PostgreSQL. */
  add(name: string, s: Supervisor, stopTimeoutMs: number): void;
  shutdown(code: number, why?: string): Promise<void>;
  stopping(): boolean;
}

export function createLifecycle(opts: { tag?: string; exit?: (code: number) => void } = {}): Lifecycle {
  const tag = opts.tag ?? 'start';
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const say = (line: string) => writeLine(`[${tag}] ${line}`);
  const servers: { name: string; s: Supervisor; timeoutMs: number }[] = [];
  let db: EmbeddedPg | undefined;
  let stopping: Promise<void> | undefined;

  keepGoingWhenOutputCloses();

  const shutdown = (code: number, why?: string): Promise<void> => {
    stopping ??= (async () => {
      if (why) say(why);
      for (const { name, s, timeoutMs } of [...servers].reverse()) {
        say(`stopping ${name}…`);
        try {
          await s.stop((p: Proc) => stopProc(p, timeoutMs));
        } catch (err) {
          say(`could not stop ${name}: ${(err as Error).message}`);
        }
      }
      if (db) {
        say('stopping PostgreSQL…');
        await db.stop();
      }
      say('stopped.');
      exit(code);
    })();
    return stopping;
  };

  let signals = 0;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      signals++;
      if (signals >= 3) {
        writeLine(`[${tag}] forced exit`, process.stderr);
        exit(130);
        return;
      }
      void shutdown(0, `${sig} received — shutting down (press Ctrl-C twice more to force).`);
    });
  }
  // Last resort if we die abruptly: children run in their own process groups.
  process.on('exit', () => {
    for (const { s } of servers) {
      const p = s.current();
      if (p && !p.hasExited()) p.child.kill('SIGTERM');
    }
  });

  return {
    say,
    setDatabase: (d) => (db = d),
    database: () => db,
    add: (name, s, timeoutMs) => servers.push({ name, s, timeoutMs }),
    shutdown,
    stopping: () => stopping !== undefined,
  };
}
