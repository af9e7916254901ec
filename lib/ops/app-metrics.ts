import type { Server } from 'node:http';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { opsCounters } from './counters';
import { isDraining } from './drain-state';
import { createMetrics, serveMetrics } from './metrics';

/** Starts the metrics server on METRICS_PORT (internal; off when unset). Called by server.ts. */
export function startAppMetrics(o: { httpInFlight: () => number; fastLane: { stats: () => { inFlight: number; shed: number } } }): Server | null {
  if (!env.METRICS_PORT) return null;
  const registry = createMetrics({
    httpInFlight: o.httpInFlight,
    hotInFlight: () => o.fastLane.stats().inFlight,
    shed: () => ({ overloaded: o.fastLane.stats().shed, draining: opsCounters().refusedDraining }),
    draining: isDraining,
    broadcast: () => {
      const c = opsCounters();
      return { queued: c.broadcastQueued, events: c.broadcastEvents, requests: c.broadcastRequests };
    },
    boardDeltas: () => opsCounters().boardDeltas,
    store: async () => {
      const [chats, offers, messages] = await Promise.all([
        db.$queryRaw<{ status: string; n: bigint }[]>`SELECT status::text AS status, count(*) AS n FROM "Interaction" WHERE status <> 'DONE' GROUP BY status`,
        db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Invitation" WHERE status = 'PENDING'`,
        // An estimate (planner statistics): exact counts of a large table are too slow to scrape.
        db.$queryRaw<{ n: number }[]>`SELECT GREATEST(reltuples, 0)::float8 AS n FROM pg_class WHERE relname = 'Message'`,
      ]);
      return {
        chatsByState: Object.fromEntries(chats.map((r) => [r.status, Number(r.n)])),
        offersPending: Number(offers[0]?.n ?? 0),
        messagesStored: Number(messages[0]?.n ?? 0),
      };
    },
  });
  return serveMetrics(registry, { port: env.METRICS_PORT, host: env.METRICS_HOST, token: env.METRICS_TOKEN || undefined });
}
