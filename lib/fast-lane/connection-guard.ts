import type http from 'node:http';
import type { Socket } from 'node:net';
import { AddressCounts, addressKey, connectionBudget, type ConnectionBudget } from './limits';

/**
 * Connection limits of the app's HTTP server, against floods of connections that send little or
 * nothing (slow headers, slow bodies):
 * - Node's `headersTimeout` and `requestTimeout` close a request that does not arrive in time;
 * - `server.maxConnections` stops accepting below the process's file limit, so a flood can never
 *   make the database pool or anything else fail with EMFILE;
 * - a little below that, and past the per-address cap, a new connection is still accepted but
 *   its first request is answered 503 + Retry-After with `Connection: close` (a refusal the client
 *   can read, unlike a dropped socket), and the socket is closed if no request comes soon.
 * Behind a proxy (TRUST_PROXY) every connection comes from the proxy: no per-address cap then;
 * the fast lane's per-address in-flight cap, keyed by the client's address, still applies.
 */
export interface ConnectionGuardOptions {
  fileLimit: number | null;
  poolSize: number;
  /** Upper bound on open connections (default: from the file limit). */
  maxConnections?: number;
  /** Open connections per source address; 0 = no cap. */
  perAddress: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

const REFUSED = Symbol('chat.connectionRefused');
type GuardedSocket = Socket & { [REFUSED]?: boolean };
/** A refused socket that sends no request within this is closed. */
const REFUSED_GRACE_MS = 2000;

export interface ConnectionGuard {
  budget: ConnectionBudget;
  /** True when this request's connection was over a cap: answer with `refuse` and nothing else. */
  refused(req: http.IncomingMessage): boolean;
  refuse(res: http.ServerResponse): void;
  stats(): { open: number; addresses: number; refusedConnections: number };
}

export function guardConnections(server: http.Server, opts: ConnectionGuardOptions): ConnectionGuard {
  const budget = connectionBudget(opts.fileLimit, { poolSize: opts.poolSize, configured: opts.maxConnections });
  server.maxConnections = budget.hard;
  server.headersTimeout = opts.headersTimeoutMs;
  server.requestTimeout = opts.requestTimeoutMs;
  const perAddress = opts.perAddress > 0 ? new AddressCounts(opts.perAddress) : null;
  let open = 0;
  let refusedConnections = 0;

  server.on('connection', (socket: GuardedSocket) => {
    open++;
    const key = addressKey(socket.remoteAddress);
    const admitted = open <= budget.soft && (perAddress?.tryAcquire(key) ?? true);
    if (!admitted) {
      socket[REFUSED] = true;
      refusedConnections++;
      socket.setTimeout(REFUSED_GRACE_MS, () => socket.destroy());
    }
    socket.once('close', () => {
      open--;
      if (admitted) perAddress?.release(key);
    });
  });

  return {
    budget,
    refused: (req) => (req.socket as GuardedSocket)[REFUSED] === true,
    refuse(res) {
      res.shouldKeepAlive = false;
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', connection: 'close', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: { code: 'overloaded', message: 'Too many connections; retry shortly.' } }));
      // The rest of the request is not wanted.
      res.req.resume();
    },
    stats: () => ({ open, addresses: perAddress?.keys ?? 0, refusedConnections }),
  };
}
