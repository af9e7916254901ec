import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { isDraining } from '@/lib/ops/drain-state';
import { probe, readiness } from '@/lib/ops/readiness';
import { pusherClient } from '@/lib/realtime/server';

export const dynamic = 'force-dynamic';

// Readiness for load balancers and orchestrators: 503 while draining or when PostgreSQL or the
// realtime service cannot be reached (liveness is /api/health). See lib/ops/readiness.ts.
export async function GET() {
  const draining = isDraining();
  const [database, realtime] = draining
    ? (['ok', 'ok'] as const)
    : await Promise.all([
        probe(() => db.$queryRaw`SELECT 1`, env.READINESS_PROBE_TIMEOUT_MS),
        probe(async () => {
          const r = await pusherClient().get({ path: '/channels', params: { filter_by_prefix: 'presence-' } });
          if (!r.ok) throw new Error(`realtime answered ${r.status}`);
        }, env.READINESS_PROBE_TIMEOUT_MS),
      ]);
  const r = readiness({ draining, database, realtime });
  return NextResponse.json({ ready: r.ready, reasons: r.reasons }, { status: r.status, headers: { 'cache-control': 'no-store' } });
}
