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
  // Group commit (lib/interactions/core/append-batch.ts): sends arriving together share one INSERT statement.
  GROUP_COMMIT: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  // The fast lane (lib/fast-lane/) serves the hot endpoints outside Next.js's pipeline; off = Next.js serves them.
  FAST_LANE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  // Load shedding on the hot endpoints: 503 + Retry-After when the event loop lags or too much is in flight.
  OVERLOAD_MAX_LOOP_DELAY_MS: z.coerce.number().int().positive().default(250),
  OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(512),
  // ---- floods (docs/security.md, "Floods and limits") ----
  // Time for a request's headers, and for the whole request, to arrive (Node's headersTimeout / requestTimeout).
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  // Open connections to the app: unset = from the process's file limit, with headroom for the database pool and files.
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().positive().optional(),
  // Open connections per source address (0 = no cap; not applied with TRUST_PROXY, where the peer is the proxy).
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(256),
  // A hot request's body must be in within this (it is at most 16 KB), or it is answered 408.
  FAST_LANE_BODY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // Hot requests in flight per client address (with TRUST_PROXY, the address the proxy appended).
  FAST_LANE_MAX_IN_FLIGHT_PER_ADDRESS: z.coerce.number().int().positive().default(128),
  // Hot-path rate budgets kept in memory at once; past it, the oldest expired ones go, then new keys are refused.
  RATE_BUDGET_MAX_KEYS: z.coerce.number().int().positive().default(100_000),
  // ---- attachments stream: file storage (lib/attachments/, docs/attachments.md) ----
  // disk: content-addressed files under FILE_DIR (one machine); s3: an S3-compatible bucket (several instances).
  FILE_STORAGE: z.enum(['disk', 's3']).default('disk'),
  FILE_DIR: z.string().default('.data/files'),
  S3_ENDPOINT: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  // Optional malware scanner: a command (file path appended, exit 0 = clean) or an HTTP endpoint (POST bytes, 2xx = clean).
  FILE_SCAN_COMMAND: z.string().optional(),
  FILE_SCAN_URL: z.string().optional(),
  // Abuse limits: bytes per chat (all time), bytes per address per hour, uploads in flight per instance and per address.
  ATTACHMENT_CHAT_BUDGET_MB: z.coerce.number().positive().default(200),
  ATTACHMENT_ADDRESS_BUDGET_MB_PER_HOUR: z.coerce.number().positive().default(500),
  ATTACHMENT_UPLOADS_IN_FLIGHT: z.coerce.number().int().positive().default(16),
  ATTACHMENT_UPLOADS_IN_FLIGHT_PER_ADDRESS: z.coerce.number().int().positive().default(3),

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

  // ---- security stream (round 2) ----
  // next-auth's own setting, read here too: https:// means the session cookie is the __Secure-
  // one, and the fast lane then refuses the plain-named cookie (lib/auth/session-token.ts).
  NEXTAUTH_URL: z.string().optional(),
  // Voice consultation signalling relayed per person per chat per minute (ring, SDP, ICE …).
  VOICE_SIGNALS_PER_MINUTE: z.coerce.number().int().positive().default(240),

  // ---- security3 stream (round 2, defect 1) ----
  // Staff-only channels go only to sockets signed in as the caller: `signed-in` asks the built-in
  // realtime server (GET /apps/:id/sockets/:socket_id); `off` for soketi or hosted Pusher, which
  // have no such lookup (then a staff socket that never signs in keeps its channels until it
  // disconnects; logged once). See docs/security.md.
  REALTIME_STAFF_SOCKET_CHECK: z.enum(['signed-in', 'off']).default('signed-in'),
  // ---- widget-mail stream: the mailer (lib/mail/, docs/mail.md) ----
  // SMTP server for outgoing mail, e.g. smtp://user:pass@smtp.example.com:587 or smtps://…:465.
  // Unset: mails wait in the outbox; `npm start` then runs a local catcher and sets it.
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('Chat console <no-reply@localhost>'),
  // How often the sender looks for due mails (a queued mail is also sent at once).
  MAIL_POLL_MS: z.coerce.number().int().positive().default(5_000),
  // `npm start` without SMTP_URL: where its local catcher writes each mail (.eml) and its SMTP port (0 = any free one).
  MAIL_DIR: z.string().default('.data/mail'),
  MAIL_CATCHER_PORT: z.coerce.number().int().min(0).default(0),
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
