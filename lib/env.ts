import 'server-only';
import { z } from 'zod';

// The one place that reads process.env; everything else imports `env`.
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (the start script sets it for the embedded PostgreSQL)'),
  NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters'),
  PUSHER_APP_ID: z.string().min(1),
  PUSHER_KEY: z.string().min(1),
  PUSHER_SECRET: z.string().min(1),
  PUSHER_CLUSTER: z.string().default('mt1'),
  // Where the app server reaches the Pusher HTTP API; unset means hosted Pusher by cluster.
  PUSHER_HOST: z.string().optional(),
  PUSHER_PORT: z.coerce.number().int().positive().optional(),
  PUSHER_USE_TLS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  // Where browsers reach the WebSocket; defaults to PUSHER_HOST/PORT.
  PUSHER_PUBLIC_HOST: z.string().optional(),
  PUSHER_PUBLIC_PORT: z.coerce.number().int().positive().optional(),
  PUSHER_PUBLIC_TLS: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  INVITATION_SWEEP_MS: z.coerce.number().int().positive().default(1000),
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(120),
  RATE_LIMIT_START_PER_MINUTE: z.coerce.number().int().positive().default(20),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  // Voice consultation (T4): STUN/TURN servers for WebRTC, a JSON array of RTCIceServer; empty on one machine or a LAN.
  RTC_ICE_SERVERS: z.string().default(''),
  // Group commit (lib/interactions/append-batch.ts): sends arriving together share one INSERT statement.
  GROUP_COMMIT: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  // The fast lane (lib/fast-lane/) serves the hot endpoints outside Next.js's pipeline; off = Next.js serves them.
  FAST_LANE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  // Load shedding on the hot endpoints: 503 + Retry-After when the event loop lags or too much is in flight.
  OVERLOAD_MAX_LOOP_DELAY_MS: z.coerce.number().int().positive().default(250),
  OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(512),
  // ---- cluster stream: graceful shutdown and readiness (lib/ops/) ----
  // SIGTERM / Ctrl-C: how long the drain (finish in-flight requests, flush broadcasts) may take.
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().positive().default(30_000),
  // GET /api/ready: time limit for each of its PostgreSQL and realtime probes.
  READINESS_PROBE_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  // Prometheus metrics (lib/ops/metrics.ts) on an internal port; unset = off. METRICS_TOKEN, if
  // set, is required as "Authorization: Bearer <token>".
  METRICS_PORT: z.coerce.number().int().positive().optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_TOKEN: z.string().optional(),
});

/** Development server (`next dev`)? Next inlines NODE_ENV at build time, so this is a constant. */
export const isDevelopment = process.env.NODE_ENV === 'development';

function load() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

export type Env = z.infer<typeof envSchema>;

let loaded: Env | undefined;
/**
 * Validated on first use, not at import: `next build` imports route modules to collect their
 * configuration, and the build must not need runtime secrets.
 */
export const env: Env = new Proxy({} as Env, {
  get(_target, key: string) {
    loaded ??= load();
    return loaded[key as keyof Env];
  },
});

export const logSchema = z.object({
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).catch('info').default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional().catch(undefined),
});

/**
 * The logger's settings, read apart from the rest so that logging works (and never throws)
 * even when the other variables are missing. JSON unless LOG_FORMAT=pretty or in development.
 */
export function logSettings(): { level: 'debug' | 'info' | 'warn' | 'error' | 'silent'; pretty: boolean } {
  const s = logSchema.parse(process.env);
  return { level: s.LOG_LEVEL, pretty: s.LOG_FORMAT ? s.LOG_FORMAT === 'pretty' : s.NODE_ENV === 'development' };
}
