/**
 * Readiness (GET /api/ready): may a load balancer send this instance traffic? Not while it
 * drains, nor when it cannot reach PostgreSQL or the realtime service (a message stored but not
 * broadcast would reach people only on their next catch-up). Liveness is /api/health.
 */
export type Check = 'ok' | 'unreachable';
export interface ReadinessInput {
  draining: boolean;
  database: Check;
  realtime: Check;
}
export interface Readiness {
  ready: boolean;
  status: 200 | 503;
  reasons: ('draining' | 'database' | 'realtime')[];
}

export function readiness(i: ReadinessInput): Readiness {
  const reasons: Readiness['reasons'] = [];
  if (i.draining) reasons.push('draining');
  if (i.database !== 'ok') reasons.push('database');
  if (i.realtime !== 'ok') reasons.push('realtime');
  return { ready: reasons.length === 0, status: reasons.length === 0 ? 200 : 503, reasons };
}

/** Runs a probe with a time limit; anything but a timely success is "unreachable". */
export async function probe(run: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}
