import 'server-only';
import pino, { type DestinationStream, type Level } from 'pino';
import pretty from 'pino-pretty';
import { logSettings } from '@/lib/env';

/**
 * The app's one logger: pino, one JSON object per line in production (what log shippers
 * expect), pretty lines in development (`next dev`, or LOG_FORMAT=pretty). Secrets never reach
 * a log line: the paths below are replaced by "[redacted]" wherever they appear at the top of a
 * log call's fields or one level down (e.g. `{ headers: { authorization } }`, `{ chat: { secret } }`).
 */
const SECRET_KEYS = [
  'password',
  'passwordHash',
  'secret',
  'chatSecret',
  'chat_secret',
  'token',
  'accessToken',
  'authorization',
  'cookie',
  'set-cookie',
  'NEXTAUTH_SECRET',
  'PUSHER_SECRET',
  'DATABASE_URL',
];
export const REDACT_PATHS = [
  ...SECRET_KEYS.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`)),
  ...SECRET_KEYS.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `*.${k}` : `*["${k}"]`)),
];

export interface LoggerOptions {
  level?: Level | 'silent';
  pretty?: boolean;
  /** Where lines go (default stdout); tests pass a stream. */
  destination?: DestinationStream;
}

export function createAppLogger(opts: LoggerOptions = {}): pino.Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? 'info',
    base: undefined, // no pid/hostname on every line
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
  };
  // pino-pretty as an in-process stream (no worker thread: safe inside Next's server bundle).
  const stream = opts.pretty
    ? pretty({ colorize: !opts.destination, sync: true, translateTime: 'SYS:HH:MM:ss.l', ...(opts.destination ? { destination: opts.destination as NodeJS.WritableStream } : {}) })
    : opts.destination;
  return stream ? pino(options, stream) : pino(options);
}

type Fields = Record<string, unknown>;
/** The call shape used across the app: message first, then structured fields. */
export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export function wrap(p: pino.Logger): Logger {
  return {
    debug: (msg, f) => p.debug(f ?? {}, msg),
    info: (msg, f) => p.info(f ?? {}, msg),
    warn: (msg, f) => p.warn(f ?? {}, msg),
    error: (msg, f) => p.error(f ?? {}, msg),
  };
}

let instance: Logger | undefined;
/** Made on first use, so importing this module reads no settings (e.g. during `next build`). */
export const logger: Logger = {
  debug: (msg, f) => get().debug(msg, f),
  info: (msg, f) => get().info(msg, f),
  warn: (msg, f) => get().warn(msg, f),
  error: (msg, f) => get().error(msg, f),
};
function get(): Logger {
  instance ??= wrap(createAppLogger(logSettings()));
  return instance;
}
