import type { Server } from 'node:http';
import { opsCounters } from './counters';
import { runFlushers, setDraining } from './drain-state';

/**
 * Graceful shutdown (SIGTERM / Ctrl-C) of the app server, in this order:
 *  1. mark the instance draining: readiness says "not ready" (a load balancer stops sending),
 *     and the server stops accepting connections (`server.close`);
 *  2. idle kept-alive connections are closed; requests already in flight are left to finish;
 *     a request arriving on a kept-alive connection meanwhile is answered 503 with
 *     `connection: close` (see `refuseWhileDraining`);
 *  3. once no request is in flight, buffered work is flushed (board publisher, then broadcast
 *     lanes: stored messages still reach the realtime server);
 *  4. exit 0. If all this takes longer than the deadline, exit 1 anyway (what was stored is
 *     safe: clients catch up from the store).
 */
export interface DrainOptions {
  server: Server;
  deadlineMs: number;
  /** Requests being handled right now (the server counts them; see trackInFlight). */
  inFlight: () => number;
  exit: (code: number) => void;
  log: (line: string, fields?: Record<string, unknown>) => void;
  /** Extra clean-up once flushed (e.g. the fast lane's timers). */
  close?: () => void;
  pollMs?: number;
}

export function createDrainer(o: DrainOptions) {
  let started: Promise<void> | null = null;
  return {
    /** Idempotent: a second signal during a drain does not start another. */
    drain(): Promise<void> {
      started ??= run();
      return started;
    },
  };

  async function run() {
    const t0 = Date.now();
    let exited = false;
    const exit = (code: number) => {
      if (exited) return;
      exited = true;
      o.exit(code);
    };
    const timer = setTimeout(() => {
      o.log('drain deadline passed; exiting with work left', { deadlineMs: o.deadlineMs, inFlight: o.inFlight() });
      exit(1);
    }, o.deadlineMs);
    timer.unref?.();
    setDraining(true);
    o.log('draining', { deadlineMs: o.deadlineMs, inFlight: o.inFlight() });
    o.server.close();
    o.server.closeIdleConnections();
    while (o.inFlight() > 0 && !exited) {
      await new Promise((r) => setTimeout(r, o.pollMs ?? 20));
      o.server.closeIdleConnections();
    }
    const flushed = await runFlushers((name, error) => o.log('flush failed', { name, error: String(error) }));
    o.close?.();
    clearTimeout(timer);
    o.log('drained', { ms: Date.now() - t0, flushed });
    exit(0);
  }
}

/** Wraps a request handler: counts requests in flight and refuses new ones while draining. */
export function trackInFlight<Req, Res extends { writeHead: (s: number, h: Record<string, string>) => unknown; end: (b?: string) => unknown; on: (e: 'close', f: () => void) => unknown }>(
  handler: (req: Req, res: Res) => void,
  isDraining: () => boolean,
) {
  let inFlight = 0;
  return {
    inFlight: () => inFlight,
    handle(req: Req, res: Res) {
      if (isDraining()) {
        opsCounters().refusedDraining++;
        res.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: 'draining', message: 'This instance is shutting down; retry.' } }));
        return;
      }
      inFlight++;
      let done = false;
      res.on('close', () => {
        if (done) return;
        done = true;
        inFlight--;
      });
      handler(req, res);
    },
  };
}
