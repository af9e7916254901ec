import fs from 'node:fs';
import path from 'node:path';
import { startPusherServer } from './server';
import { createLogger, parseLogLevel } from './log';

// The same .env that `npm start` writes (npm runs scripts in the project folder); variables
// already in the environment win, as for the app.
const dotEnv = path.resolve(process.env.REALTIME_ENV_FILE || '.env');
if (fs.existsSync(dotEnv)) process.loadEnvFile(dotEnv);

const log = createLogger(parseLogLevel(process.env.REALTIME_LOG_LEVEL));
const { PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET } = process.env;
const missing = Object.entries({ PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET }).filter(([, v]) => !v).map(([k]) => k);
if (missing.length > 0) {
  process.stderr.write(`realtime: missing required environment variable(s): ${missing.join(', ')}\n`);
  process.exit(1);
}
const port = Number(process.env.REALTIME_PORT || 6001);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`realtime: REALTIME_PORT must be a port number, got '${process.env.REALTIME_PORT}'\n`);
  process.exit(1);
}

/** A boolean setting: `true`/`false` (unset = the default). */
function flag(name: string): boolean | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  process.stderr.write(`realtime: ${name} must be true or false, got '${v}'\n`);
  process.exit(1);
}
const maxChannelsRaw = process.env.REALTIME_MAX_CHANNELS_PER_CONNECTION;
const maxChannelsPerConnection = maxChannelsRaw ? Number(maxChannelsRaw) : undefined;
if (maxChannelsPerConnection !== undefined && !(Number.isInteger(maxChannelsPerConnection) && maxChannelsPerConnection > 0)) {
  process.stderr.write(`realtime: REALTIME_MAX_CHANNELS_PER_CONNECTION must be a positive integer, got '${maxChannelsRaw}'\n`);
  process.exit(1);
}

/** A positive integer setting (unset = the default). */
function positive(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`realtime: ${name} must be a positive integer, got '${v}'\n`);
  process.exit(1);
}

const server = await startPusherServer({
  appId: PUSHER_APP_ID!,
  key: PUSHER_KEY!,
  secret: PUSHER_SECRET!,
  host: process.env.REALTIME_HOST || '127.0.0.1',
  port,
  webhookUrl: process.env.REALTIME_WEBHOOK_URL || undefined,
  logLevel: parseLogLevel(process.env.REALTIME_LOG_LEVEL),
  clientEvents: flag('REALTIME_CLIENT_EVENTS'),
  publicChannels: flag('REALTIME_PUBLIC_CHANNELS'),
  maxChannelsPerConnection,
  maxConnections: positive('REALTIME_MAX_CONNECTIONS'),
  maxConnectionsPerAddress: positive('REALTIME_MAX_CONNECTIONS_PER_ADDRESS'),
  maxFramesPerSecond: positive('REALTIME_MAX_FRAMES_PER_SECOND'),
}).catch((err: unknown) => {
  process.stderr.write(`realtime: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

// Printed whatever the log level: start scripts wait for this line.
process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'listening', port: server.port }) + '\n');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  });
}
