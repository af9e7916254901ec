// Process-wide counters read by the metrics endpoint (lib/ops/metrics.ts). On globalThis, like
// the drain state: server.ts (tsx) and Next.js's bundle each load their own copy of lib code.
export interface OpsCounters {
  broadcastEvents: number;
  broadcastRequests: number;
  broadcastQueued: number;
  boardDeltas: number;
  refusedDraining: number;
}
const KEY = Symbol.for('chat-console.ops-counters');

export function opsCounters(): OpsCounters {
  const g = globalThis as { [KEY]?: OpsCounters };
  return (g[KEY] ??= { broadcastEvents: 0, broadcastRequests: 0, broadcastQueued: 0, boardDeltas: 0, refusedDraining: 0 });
}
