import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  contactRead,
  contactSendRoute,
  contactTypingRoute,
  staffRead,
  staffSendRoute,
  staffTypingRoute,
} from '@/lib/api/hot-routes';
import { staffFromCookie } from '@/lib/auth/session-token';
import { env } from '@/lib/env';
import { MAX_BODY, sourceAddress } from '@/lib/http';
import { PEER_ADDRESS_HEADER } from '@/lib/security/http-server-hooks';
import { logger } from '@/lib/log';
import { AddressCounts, addressKey } from './limits';
import { OverloadGuard } from './overload';

/**
 * The fast lane: the hot endpoints served by a plain node:http handler in the app's own process,
 * outside Next.js's per-request pipeline (routing, proxy, rendering runtime), which costs more
 * CPU than the send itself. It calls the same functions as the route handlers (lib/api/hot-
 * routes.ts), so every check is the same; it adds only what Next.js would add around them: the
 * security headers of next.config.js, the body cap before buffering, and load shedding.
 */
const ID = '([A-Za-z0-9_-]{1,64})';
type Handler = (req: Request, id: string) => Promise<Response>;

const staff = (req: Request) => staffFromCookie(req.headers.get('cookie'));

const ROUTES: { method: 'GET' | 'POST'; pattern: RegExp; run: Handler }[] = [
  { method: 'POST', pattern: new RegExp(`^/api/v1/chats/${ID}/messages$`), run: contactSendRoute },
  { method: 'POST', pattern: new RegExp(`^/api/v1/chats/${ID}/typing$`), run: contactTypingRoute },
  { method: 'GET', pattern: new RegExp(`^/api/v1/chats/${ID}$`), run: contactRead },
  { method: 'POST', pattern: new RegExp(`^/api/interactions/${ID}/messages$`), run: (req, id) => staffSendRoute(req, id, staff) },
  { method: 'POST', pattern: new RegExp(`^/api/interactions/${ID}/typing$`), run: (req, id) => staffTypingRoute(req, id, staff) },
  { method: 'GET', pattern: new RegExp(`^/api/interactions/${ID}$`), run: (req, id) => staffRead(req, id, staff) },
];

// What next.config.js's headers() puts on every response.
const SECURITY_HEADERS: Record<string, string> = {
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function match(req: IncomingMessage): { run: Handler; id: string } | null {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  for (const r of ROUTES) {
    if (r.method !== req.method) continue;
    const m = r.pattern.exec(path);
    if (m) return { run: r.run, id: m[1]! };
  }
  return null;
}

export class BodyTimeout extends Error {}

/**
 * Reads the body up to the cap plus one byte (enough for readJson to refuse it as too large),
 * within `deadlineMs`: a client that sends headers and then trickles (or withholds) its body
 * gets BodyTimeout instead of holding the request for Node's request timeout.
 */
export function readBody(req: IncomingMessage, deadlineMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      reject(new BodyTimeout());
    }, deadlineMs);
    const finish = (body: Buffer) => {
      done = true;
      clearTimeout(timer);
      resolve(body);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return; // draining what is left of a refused body
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_BODY) finish(Buffer.concat(chunks).subarray(0, MAX_BODY + 1));
    });
    req.on('end', () => {
      if (!done) finish(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(e);
    });
  });
}

function toRequest(req: IncomingMessage, body: Buffer | null): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // The body was read here (capped); its length is the one readJson must see.
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  // The source address, as a request through Next.js gets it (see lib/security/http-server-hooks.ts
  // and clientIp): the TCP peer, never a value the client sent under that name, and the peer in
  // X-Forwarded-For when the client sent none.
  const peer = req.socket.remoteAddress ?? '';
  headers.set(PEER_ADDRESS_HEADER, peer);
  if (!headers.has('x-forwarded-for') && peer) headers.set('x-forwarded-for', peer);
  return new Request(new URL(req.url ?? '/', 'http://fast-lane.internal'), {
    method: req.method,
    headers,
    ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
  });
}

async function send(res: ServerResponse, response: Response) {
  // Server-Timing names the lane that answered (tests and operators can see the fast lane served it).
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'server-timing': 'lane;desc="fast"' };
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const payload = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
}

function refuse(res: ServerResponse, req: IncomingMessage, status: 503 | 429 | 408, code: string, message: string) {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'content-type': 'application/json', connection: 'close' };
  if (status !== 408) headers['retry-after'] = '1';
  res.shouldKeepAlive = false;
  res.writeHead(status, headers);
  res.end(JSON.stringify({ error: { code, message } }));
  req.resume();
}

export function createFastLane() {
  const guard = new OverloadGuard({
    maxDelayMs: env.OVERLOAD_MAX_LOOP_DELAY_MS,
    maxInFlight: env.OVERLOAD_MAX_IN_FLIGHT,
    sampleMs: 250,
  });
  const perAddress = new AddressCounts(env.FAST_LANE_MAX_IN_FLIGHT_PER_ADDRESS);
  let bodyTimeouts = 0;
  let perAddressRefused = 0;
  const shed = (req: IncomingMessage, res: ServerResponse) => refuse(res, req, 503, 'overloaded', 'The server is busy; retry shortly.');
  return {
    handles(req: IncomingMessage): boolean {
      return env.FAST_LANE && match(req) !== null;
    },
    handle(req: IncomingMessage, res: ServerResponse): void {
      const route = match(req)!;
      // Answer before reading the body: shedding must cost (almost) nothing.
      if (guard.overloaded()) return shed(req, res);
      void (async () => {
        let body: Buffer | null = null;
        if (req.method === 'POST') {
          try {
            body = await readBody(req, env.FAST_LANE_BODY_TIMEOUT_MS);
          } catch (e) {
            if (!(e instanceof BodyTimeout)) return void res.destroy(); // the connection broke
            bodyTimeouts++;
            return refuse(res, req, 408, 'requestTimeout', 'The request body did not arrive in time.');
          }
        }
        // In flight only from here: a request still sending its body holds no place, so slow
        // bodies can never fill the in-flight cap that real sends need.
        if (guard.overloaded()) return shed(req, res);
        const key = addressKey(sourceAddress(peerHeaders(req), env.TRUST_PROXY));
        if (!perAddress.tryAcquire(key)) {
          perAddressRefused++;
          return refuse(res, req, 429, 'rateLimited', 'Too many requests at once from this address; retry shortly.');
        }
        guard.inFlight++;
        try {
          await send(res, await route.run(toRequest(req, body), route.id));
        } catch (e) {
          logger.error('fast lane failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
          if (!res.headersSent) {
            res.writeHead(500, { ...SECURITY_HEADERS, 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong' } }));
          } else res.destroy();
        } finally {
          guard.inFlight--;
          perAddress.release(key);
        }
      })();
    },
    stats: () => ({ inFlight: guard.inFlight, shed: guard.shed, bodyTimeouts, perAddressRefused, addressesInFlight: perAddress.keys }),
    close: () => guard.close(),
  };
}

/** What sourceAddress reads: the TCP peer, and X-Forwarded-For when a trusted proxy sets it. */
function peerHeaders(req: IncomingMessage): Headers {
  const h = new Headers();
  h.set(PEER_ADDRESS_HEADER, req.socket.remoteAddress ?? '');
  const fwd = req.headers['x-forwarded-for'];
  if (typeof fwd === 'string') h.set('x-forwarded-for', fwd);
  return h;
}
