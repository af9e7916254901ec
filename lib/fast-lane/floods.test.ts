import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// The fast lane's own handler on a real node:http server; only the routes behind it are
// replaced (they need a database): a send that answers at once, or when the test releases it.
const gate = { held: false, waiting: [] as (() => void)[] };
vi.mock('@/lib/api/hot-routes', () => {
  const answer = async () => {
    if (gate.held) await new Promise<void>((r) => gate.waiting.push(r));
    return Response.json({ ok: true });
  };
  return { contactSendRoute: answer, contactTypingRoute: answer, contactRead: answer, staffSendRoute: answer, staffTypingRoute: answer, staffRead: answer };
});
vi.mock('@/lib/auth/session-token', () => ({ staffFromCookie: async () => null }));

const MAX_IN_FLIGHT = 4;
const PER_ADDRESS = 3;
Object.assign(process.env, {
  DATABASE_URL: 'postgresql://unused@127.0.0.1:1/none',
  NEXTAUTH_SECRET: 'x'.repeat(32),
  PUSHER_APP_ID: 'a', PUSHER_KEY: 'k', PUSHER_SECRET: 's',
  OVERLOAD_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
  OVERLOAD_MAX_LOOP_DELAY_MS: '100000',
  FAST_LANE_BODY_TIMEOUT_MS: '400',
  FAST_LANE_MAX_IN_FLIGHT_PER_ADDRESS: String(PER_ADDRESS),
});

const { createFastLane } = await import('./fast-lane');
const { guardConnections } = await import('./connection-guard');

const SEND = '/api/v1/chats/chat1/messages';
let server: http.Server;
let port: number;
let lane: ReturnType<typeof createFastLane>;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  lane = createFastLane();
  server = http.createServer((req, res) => (lane.handles(req) ? lane.handle(req, res) : res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  lane.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  gate.held = false;
  for (const release of gate.waiting.splice(0)) release();
});

/** A raw connection from `from` that sends a POST's headers and `sent` bytes of its body, then nothing. */
async function slowBody(from: string, sent = ''): Promise<net.Socket> {
  const s = net.connect({ host: '127.0.0.1', port, localAddress: from });
  sockets.push(s);
  s.on('error', () => {});
  await new Promise((r) => s.once('connect', r));
  s.write(`POST ${SEND} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n${sent}`);
  return s;
}

/** A complete send from `from`: status and Retry-After. */
function post(from: string): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: SEND, method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] });
    });
    req.on('error', reject);
    req.end('{"text":"hi"}');
  });
}

/** Waits (bounded) until the server has seen `n` connections' requests. */
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('the fast lane under a flood of slow bodies', () => {
  it('counts a request in flight only once its body is in: slow bodies leave room for real sends', async () => {
    // More slow bodies than the whole in-flight cap, from addresses of their own.
    for (let i = 0; i < MAX_IN_FLIGHT * 2; i++) await slowBody(`127.0.0.${10 + i}`, '{"te');
    await new Promise((r) => setTimeout(r, 50));
    expect(lane.stats().inFlight).toBe(0);
    expect((await post('127.0.0.1')).status).toBe(200);
  });

  it('answers a body that does not arrive within the deadline with 408 and closes', async () => {
    const s = await slowBody('127.0.0.2');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (d: Buffer) => (text += d.toString()));
      s.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });

  it('caps the requests in flight per address with 429 + Retry-After, and still serves other addresses', async () => {
    gate.held = true;
    const held = Array.from({ length: PER_ADDRESS }, () => post('127.0.0.3'));
    await until(() => lane.stats().inFlight === PER_ADDRESS);
    const over = await post('127.0.0.3');
    expect(over).toEqual({ status: 429, retryAfter: '1' });
    // Another address gets in (and is held like the others until released).
    const other = post('127.0.0.4');
    await until(() => lane.stats().inFlight === PER_ADDRESS + 1);
    gate.held = false;
    for (const release of gate.waiting.splice(0)) release();
    expect((await other).status).toBe(200);
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(lane.stats().addressesInFlight).toBe(0);
  });
});

describe('connection limits of the app server', () => {
  let guarded: http.Server;
  let gport: number;
  let guard: ReturnType<typeof guardConnections>;
  beforeAll(async () => {
    guarded = http.createServer({ connectionsCheckingInterval: 100 }, (req, res) => {
      if (guard.refused(req)) return guard.refuse(res);
      res.end('ok');
    });
    guard = guardConnections(guarded, { fileLimit: 20_000, poolSize: 20, perAddress: 3, headersTimeoutMs: 300, requestTimeoutMs: 1000 });
    await new Promise<void>((r) => guarded.listen(0, '127.0.0.1', r));
    gport = (guarded.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    guarded.closeAllConnections();
    await new Promise((r) => guarded.close(r));
  });

  function get(from: string): Promise<{ status: number; retryAfter?: string; connection?: string }> {
    return new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: gport, path: '/', localAddress: from, agent: false }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], connection: res.headers.connection });
      }).on('error', reject);
    });
  }
  async function idle(from: string) {
    const s = net.connect({ host: '127.0.0.1', port: gport, localAddress: from });
    sockets.push(s);
    s.on('error', () => {});
    await new Promise((r) => s.once('connect', r));
    return s;
  }

  it('sets maxConnections under the file limit and the headers and request deadlines', () => {
    expect(guarded.maxConnections).toBeLessThan(20_000);
    expect(guarded.maxConnections).toBeGreaterThan(10_000);
    expect(guarded.headersTimeout).toBe(300);
    expect(guarded.requestTimeout).toBe(1000);
  });

  it('refuses connections past the per-address cap with a readable 503 + Retry-After, other addresses served', async () => {
    for (let i = 0; i < 3; i++) await idle('127.0.0.5');
    await until(() => guard.stats().open === 3);
    expect(await get('127.0.0.5')).toEqual({ status: 503, retryAfter: '1', connection: 'close' });
    expect((await get('127.0.0.6')).status).toBe(200);
  });

  it('closes a connection whose headers do not arrive in time', async () => {
    const s = await idle('127.0.0.7');
    s.resume(); // read what comes, so that 'close' can follow the server's end
    s.write('GET / HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
    // Node answers 408 and closes (checked every connectionsCheckingInterval); without the
    // deadline this waits for the test's own timeout.
    await new Promise((r) => s.once('close', r));
  });
});
