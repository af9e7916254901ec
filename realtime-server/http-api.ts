import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyHttpRequest } from './auth';
import type { ChannelRegistry, Subscriber } from './channels';
import { channelKind, isValidChannelName, LIMITS } from './limits';
import type { Logger } from './log';

export interface HttpApiDeps<S extends Subscriber> {
  appId: string;
  key: string;
  secret: string;
  maxPayloadBytes: number;
  log: Logger;
  registry: ChannelRegistry<S>;
  publish(channel: string, event: string, data: string, exceptSocketId?: string): void;
  terminateUser(userId: string): number;
  /** The user an open socket is signed in as, else null (not signed in, closed, unknown). */
  socketUser(socketId: string): string | null;
  health(): object;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const SOCKET_ID_RE = /^\d+\.\d+$/;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

interface TriggerRequest {
  name: string;
  data: string;
  channels: string[];
  socketId?: string;
  info: Set<string>;
}

export function createHttpHandler<S extends Subscriber>(deps: HttpApiDeps<S>) {
  const { registry } = deps;

  function channelInfo(name: string, info: Set<string>): Record<string, number> {
    const ch = registry.get(name);
    const out: Record<string, number> = {};
    if (info.has('subscription_count')) out.subscription_count = ch?.subscribers.size ?? 0;
    if (info.has('user_count') && channelKind(name) === 'presence') out.user_count = ch?.members?.size ?? 0;
    return out;
  }

  function parseTrigger(raw: unknown, allowMany: boolean): TriggerRequest {
    if (typeof raw !== 'object' || raw === null) throw new HttpError(400, 'Event must be a JSON object');
    const e = raw as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name.length === 0) throw new HttpError(400, 'Missing event name');
    if (e.name.length > LIMITS.eventNameMax) throw new HttpError(400, `Event name too long (max ${LIMITS.eventNameMax})`);
    if (typeof e.data !== 'string') throw new HttpError(400, 'Event data must be a string');
    if (Buffer.byteLength(e.data) > deps.maxPayloadBytes) {
      throw new HttpError(413, `Event data too large (max ${deps.maxPayloadBytes} bytes)`);
    }
    const channels = allowMany && Array.isArray(e.channels) ? e.channels : typeof e.channel === 'string' ? [e.channel] : null;
    if (!channels || channels.length === 0) throw new HttpError(400, 'Missing channel or channels');
    if (channels.length > LIMITS.channelsPerTrigger) {
      throw new HttpError(400, `Too many channels (max ${LIMITS.channelsPerTrigger})`);
    }
    for (const c of channels) if (!isValidChannelName(c)) throw new HttpError(400, `Invalid channel name: ${String(c)}`);
    if (e.socket_id !== undefined && (typeof e.socket_id !== 'string' || !SOCKET_ID_RE.test(e.socket_id))) {
      throw new HttpError(400, 'Invalid socket_id');
    }
    const info = parseInfo(e.info);
    if (info.has('user_count') && channels.some((c) => channelKind(c as string) !== 'presence')) {
      throw new HttpError(400, 'info=user_count is only available for presence channels');
    }
    return { name: e.name, data: e.data, channels: channels as string[], socketId: e.socket_id as string | undefined, info };
  }

  function trigger(t: TriggerRequest): void {
    for (const c of t.channels) deps.publish(c, t.name, t.data, t.socketId);
  }

  function route(method: string, sub: string, query: URLSearchParams, body: Buffer): unknown {
    if (method === 'POST' && sub === '/events') {
      const t = parseTrigger(parseJson(body), true);
      trigger(t);
      if (t.info.size === 0) return {};
      return { channels: Object.fromEntries(t.channels.map((c) => [c, channelInfo(c, t.info)])) };
    }
    if (method === 'POST' && sub === '/batch_events') {
      const batch = (parseJson(body) as { batch?: unknown } | null)?.batch;
      if (!Array.isArray(batch) || batch.length === 0) throw new HttpError(400, 'Missing batch');
      if (batch.length > LIMITS.batchSize) throw new HttpError(400, `Batch too large (max ${LIMITS.batchSize})`);
      // Validate everything first so a bad entry does not leave the batch half-published.
      const events = batch.map((e) => parseTrigger(e, false));
      events.forEach(trigger);
      if (events.every((t) => t.info.size === 0)) return {};
      return { batch: events.map((t) => channelInfo(t.channels[0], t.info)) };
    }
    if (method === 'GET' && sub === '/channels') {
      const prefix = query.get('filter_by_prefix') ?? '';
      const info = parseInfo(query.get('info'));
      if (info.has('user_count') && !prefix.startsWith('presence-')) {
        throw new HttpError(400, 'info=user_count requires filter_by_prefix=presence-');
      }
      const channels: Record<string, Record<string, number>> = {};
      for (const ch of registry.all()) if (ch.name.startsWith(prefix)) channels[ch.name] = channelInfo(ch.name, info);
      return { channels };
    }
    let m = /^\/channels\/([^/]+)(\/users)?$/.exec(sub);
    if (method === 'GET' && m) {
      const name = decode(m[1]);
      if (!isValidChannelName(name)) throw new HttpError(400, 'Invalid channel name');
      const isPresence = channelKind(name) === 'presence';
      if (m[2]) {
        if (!isPresence) throw new HttpError(400, 'Users are only available for presence channels');
        return { users: [...(registry.get(name)?.members?.keys() ?? [])].map((id) => ({ id })) };
      }
      const info = parseInfo(query.get('info'));
      if (info.has('user_count') && !isPresence) throw new HttpError(400, 'info=user_count is only available for presence channels');
      return { occupied: registry.get(name) !== undefined, ...channelInfo(name, info) };
    }
    // Not in the hosted Pusher API: which user a socket is signed in as (null when it is not, or is
    // not open). The app authorizes staff-only channels only for sockets signed in as the caller.
    m = /^\/sockets\/([^/]+)$/.exec(sub);
    if (method === 'GET' && m) {
      const socketId = decode(m[1]);
      if (!SOCKET_ID_RE.test(socketId) || socketId.length > 41) throw new HttpError(400, 'Invalid socket_id');
      return { user_id: deps.socketUser(socketId) };
    }
    m = /^\/users\/([^/]+)\/terminate_connections$/.exec(sub);
    if (method === 'POST' && m) {
      const closed = deps.terminateUser(decode(m[1]));
      deps.log.info('terminated user connections', { userId: decode(m[1]), closed });
      return {};
    }
    throw new HttpError(404, 'Not found');
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    // Sign-checking needs the path exactly as sent, so split by hand rather than normalise through URL.
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const url = {
      pathname: q < 0 ? rawUrl : rawUrl.slice(0, q),
      searchParams: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)),
    };
    try {
      if (url.pathname === '/health') {
        return send(res, 200, JSON.stringify({ ok: true, ...deps.health() }), JSON_HEADERS);
      }
      const m = /^\/apps\/([^/]+)(\/.*)$/.exec(url.pathname);
      if (!m) throw new HttpError(404, 'Not found');
      if (m[1] !== deps.appId) throw new HttpError(404, `Unknown app ${m[1]}`);
      const body = await readBody(req, LIMITS.httpBodyBytes);
      const auth = verifyHttpRequest({
        key: deps.key, secret: deps.secret, method, path: url.pathname, query: url.searchParams, body,
      });
      if (!auth.ok) throw new HttpError(401, auth.reason);
      send(res, 200, JSON.stringify(route(method, m[2], url.searchParams, body)), JSON_HEADERS);
    } catch (err) {
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('Connection', 'close'); // the rest of the body is not worth reading
        deps.log.debug('http api error', { method, path: url.pathname, status: err.status, reason: err.message });
        send(res, err.status, err.message + '\n', { 'Content-Type': 'text/plain' });
      } else {
        deps.log.error('http api failure', { method, path: url.pathname, error: String(err) });
        send(res, 500, 'Internal error\n', { 'Content-Type': 'text/plain' });
      }
    }
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function parseInfo(value: unknown): Set<string> {
  if (typeof value !== 'string' || value === '') return new Set();
  return new Set(value.split(',').map((s) => s.trim()).filter(Boolean));
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'Invalid JSON body');
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(400, 'Invalid URL encoding');
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `Request body too large (max ${limit} bytes)`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, `Request body too large (max ${limit} bytes)`));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
