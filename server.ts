/**
 * The app server: one node:http server in one process. The hot endpoints (sends, typing and
 * transcript reads, for contacts and staff) are answered by the fast lane (lib/fast-lane/),
 * which runs the very same gate and domain functions as the route handlers but skips Next.js's
 * per-request pipeline; every other request goes to Next.js's request handler — the custom
 * server pattern of the Next.js self-hosting docs. Public URLs are the same either way.
 *
 *   node --import tsx server.ts [--dev] [--port N] [--hostname H]
 */
import http from 'node:http';
import { register } from 'node:module';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { dev: { type: 'boolean', default: false }, port: { type: 'string' }, hostname: { type: 'string' } },
});
const dev = args.dev ?? false;
// eslint-disable-next-line no-process-env -- the process entry point sets up its own environment
const env = process.env;
const port = Number(args.port ?? env.PORT ?? 3000);
const hostname = args.hostname ?? env.HOSTNAME ?? '0.0.0.0';
(env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';

register('./scripts/lib/server-only-hook.mjs', import.meta.url);

const { default: next } = await import('next');
const app = next({ dev, hostname, port, dir: import.meta.dirname });
const handle = app.getRequestHandler();
await app.prepare();
// After prepare(): Next.js has set up its Node environment (AsyncLocalStorage and friends),
// which next/server — imported by the shared route code — needs when it loads.
// The supervisors' board follows the fast lane's broadcasts too (it registers itself on load).
await import('./lib/supervisor/publish');
const { createFastLane } = await import('./lib/fast-lane/fast-lane');
const fastLane = createFastLane();
// instrumentation.ts installs these too; installing them here as well makes the fast lane's
// requests independent of that (it is idempotent).
const { installHttpServerHooks } = await import('./lib/security/http-server-hooks');
installHttpServerHooks();

const { env: appEnv } = await import('./lib/env');
const { guardConnections } = await import('./lib/fast-lane/connection-guard');
const { processFileLimit } = await import('./lib/fast-lane/limits');
// Graceful shutdown (lib/ops/drain.ts): requests are counted, and refused while draining.
const { createDrainer, trackInFlight } = await import('./lib/ops/drain');
const { isDraining } = await import('./lib/ops/drain-state');
const tracked = trackInFlight<http.IncomingMessage, http.ServerResponse>((req, res) => {
  if (connections.refused(req)) return connections.refuse(res);
  if (fastLane.handles(req)) {
    fastLane.handle(req, res);
    return;
  }
  void handle(req, res);
}, isDraining);
// Timeouts are checked every connectionsCheckingInterval (Node's default is 30 s, too coarse for
// a 10 s headers deadline).
const server = http.createServer({ connectionsCheckingInterval: 1000 }, tracked.handle);
// Keep-alive longer than a typical proxy's idle timeout, so the proxy never reuses a closed socket.
server.keepAliveTimeout = 65_000;
// Flood limits (docs/security.md, "Floods and limits"): headers and request deadlines, connections
// under the file limit, per-address connections.
const connections = guardConnections(server, {
  fileLimit: processFileLimit(),
  poolSize: appEnv.DATABASE_POOL_SIZE,
  maxConnections: appEnv.HTTP_MAX_CONNECTIONS,
  perAddress: appEnv.TRUST_PROXY ? 0 : appEnv.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
  headersTimeoutMs: appEnv.HTTP_HEADERS_TIMEOUT_MS,
  requestTimeoutMs: appEnv.HTTP_REQUEST_TIMEOUT_MS,
});
server.listen(port, hostname, () => {
  console.log(`> app ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}${dev ? ' (dev)' : ''}`);
});

// Prometheus metrics on an internal port, when METRICS_PORT is set (lib/ops/app-metrics.ts).
const { startAppMetrics } = await import('./lib/ops/app-metrics');
const metricsServer = startAppMetrics({ httpInFlight: tracked.inFlight, fastLane });
const drainer = createDrainer({
  server,
  deadlineMs: appEnv.SHUTDOWN_DEADLINE_MS,
  inFlight: tracked.inFlight,
  close: () => {
    fastLane.close();
    metricsServer?.close();
  },
  exit: (code) => process.exit(code),
  log: (line, fields) => console.log(`> ${line}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
});
process.on('SIGTERM', () => void drainer.drain());
process.on('SIGINT', () => void drainer.drain());
