import http from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one app instance (issue 21), served by server.ts on METRICS_PORT — an
 * internal port, off when unset — optionally behind a bearer token (METRICS_TOKEN). Process
 * figures (event-loop delay, memory, CPU) come from prom-client's defaults; the product's own
 * figures are read at scrape time from `sources`, so nothing here sits on the hot path.
 */
export interface MetricSources {
  httpInFlight: () => number;
  hotInFlight: () => number;
  /** Requests shed so far, by reason (overloaded, draining). */
  shed: () => Record<string, number>;
  draining: () => boolean;
  broadcast: () => { queued: number; events: number; requests: number };
  boardDeltas: () => number;
  /** Store figures (one cheap query each); may throw when PostgreSQL is unreachable. */
  store: () => Promise<{ chatsByState: Record<string, number>; offersPending: number; messagesStored: number }>;
}

export function createMetrics(src: MetricSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const gauge = (name: string, help: string, collect: (g: Gauge) => void | Promise<void>, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        await collect(this);
      },
    });
  const counter = (name: string, help: string, read: () => number) => {
    let last = 0;
    return new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read();
        if (now > last) this.inc(now - last);
        last = now;
      },
    });
  };
  gauge('chat_http_requests_in_flight', 'HTTP requests being handled', (g) => g.set(src.httpInFlight()));
  gauge('chat_hot_requests_in_flight', 'Hot (fast-lane) requests being handled', (g) => g.set(src.hotInFlight()));
  gauge('chat_draining', '1 while the instance drains before shutdown', (g) => g.set(src.draining() ? 1 : 0));
  gauge('chat_broadcast_queue_length', 'Events waiting in the broadcast lanes', (g) => g.set(src.broadcast().queued));
  counter('chat_broadcast_events_total', 'Events sent to the realtime service', () => src.broadcast().events);
  counter('chat_broadcast_requests_total', 'Requests to the realtime service (events / requests = batch size)', () => src.broadcast().requests);
  counter('chat_board_deltas_published_total', 'Supervisor board deltas published', src.boardDeltas);
  const shedLast: Record<string, number> = {};
  new Counter({
    name: 'chat_requests_shed_total',
    help: 'Requests refused with 503, by reason',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      for (const [reason, n] of Object.entries(src.shed())) {
        const d = n - (shedLast[reason] ?? 0);
        if (d > 0) this.inc({ reason }, d);
        shedLast[reason] = n;
      }
    },
  });
  // The store-backed gauges are collected in parallel: they share one read per scrape.
  type Store = Awaited<ReturnType<MetricSources['store']>>;
  let read: { at: number; p: Promise<Store | null> } | null = null;
  const store = () => {
    if (!read || Date.now() - read.at > 1000) read = { at: Date.now(), p: src.store().catch(() => null) };
    return read.p;
  };
  gauge('chat_store_up', '1 when the store figures could be read at this scrape', async (g) => g.set((await store()) ? 1 : 0));
  gauge(
    'chat_chats',
    'Chats by state',
    async (g) => {
      for (const [state, n] of Object.entries((await store())?.chatsByState ?? {})) g.set({ state }, n);
    },
    ['state'],
  );
  gauge('chat_offers_pending', 'Invitations offered and not yet answered', async (g) => {
    const s = await store();
    if (s) g.set(s.offersPending);
  });
  gauge('chat_messages_stored', 'Messages in the store (rate() gives messages stored per second)', async (g) => {
    const s = await store();
    if (s) g.set(s.messagesStored);
  });
  return registry;
}

/** The metrics HTTP server: GET /metrics only, with `Authorization: Bearer <token>` when a token is set. */
export function serveMetrics(registry: Registry, opts: { port: number; host: string; token?: string }): http.Server {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (e: unknown) => res.writeHead(500).end(String(e)),
    );
  });
  server.listen(opts.port, opts.host);
  return server;
}
