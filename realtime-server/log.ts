import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

// The realtime server is standalone (no import from the app), so it has its own small pino
// set-up: the same format as the app's logger (lib/log.ts), JSON lines unless in development.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  return LEVELS.includes(value as LogLevel) ? (value as LogLevel) : fallback;
}

/** Secrets that must never reach a line: app secret, auth signatures, webhook signatures, chat secrets. */
const SECRET_KEYS = ['secret', 'auth', 'signature', 'authorization', 'x-pusher-signature', 'chat_secret', 'chatSecret', 'password', 'token'];
const path = (k: string, nested: boolean) => (/^[A-Za-z_$][\w$]*$/.test(k) ? (nested ? `*.${k}` : k) : nested ? `*["${k}"]` : `["${k}"]`);
export const REDACT_PATHS = [...SECRET_KEYS.map((k) => path(k, false)), ...SECRET_KEYS.map((k) => path(k, true))];

export interface LoggerOptions {
  /** Pretty lines instead of JSON (default: REALTIME_LOG_FORMAT / LOG_FORMAT, else NODE_ENV=development). */
  pretty?: boolean;
  destination?: DestinationStream;
}

function defaultPretty(): boolean {
  const format = process.env.REALTIME_LOG_FORMAT || process.env.LOG_FORMAT;
  return format ? format === 'pretty' : process.env.NODE_ENV === 'development';
}

export function createLogger(level: LogLevel = parseLogLevel(process.env.REALTIME_LOG_LEVEL), opts: LoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
  };
  const usePretty = opts.pretty ?? defaultPretty();
  const stream = usePretty
    ? pretty({ colorize: !opts.destination && process.stdout.isTTY, sync: true, translateTime: 'SYS:HH:MM:ss.l', ...(opts.destination ? { destination: opts.destination as NodeJS.WritableStream } : {}) })
    : (opts.destination ?? pino.destination({ dest: 1, sync: true }));
  const p = pino(options, stream);
  return {
    debug: (msg, f) => p.debug(f ?? {}, msg),
    info: (msg, f) => p.info(f ?? {}, msg),
    warn: (msg, f) => p.warn(f ?? {}, msg),
    error: (msg, f) => p.error(f ?? {}, msg),
  };
}
