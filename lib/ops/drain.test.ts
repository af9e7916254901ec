import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDrainer, trackInFlight } from './drain';
import { isDraining, onDrain, resetDrainState } from './drain-state';

// The drain sequence on a real node:http server: stop accepting, finish what is in flight,
// flush (board publisher, then broadcast lanes), exit — or exit 1 at the deadline.

let server: http.Server;
let release: () => void;
let port: number;
const events: string[] = [];

function request(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

async function start(tracked: ReturnType<typeof trackInFlight<http.IncomingMessage, http.ServerResponse>>) {
  server = http.createServer(tracked.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
}

function makeTracked() {
  const gate = new Promise<void>((r) => (release = r));
  return trackInFlight<http.IncomingMessage, http.ServerResponse>((req, res) => {
    events.push(`start ${req.url}`);
    void gate.then(() => {
      events.push(`end ${req.url}`);
      res.end('done');
    });
  }, isDraining);
}

beforeEach(() => {
  resetDrainState();
  events.length = 0;
});
afterEach(() => {
  server?.close();
  resetDrainState();
});

describe('drain', () => {
  it('stops accepting, lets the in-flight request finish, flushes in order, then exits 0', async () => {
    const tracked = makeTracked();
    await start(tracked);
    // Registered out of order: the order number decides (board publisher before the lanes).
    onDrain('broadcast-lanes', 20, async () => void events.push(`flush lanes (in flight ${tracked.inFlight()})`));
    onDrain('board-publisher', 10, async () => void events.push('flush board'));
    const exited = new Promise<number>((resolve) => {
      const drainer = createDrainer({ server, deadlineMs: 5_000, inFlight: tracked.inFlight, exit: resolve, log: () => {}, pollMs: 5 });
      const inFlight = request('/slow');
      void (async () => {
        while (tracked.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
        void drainer.drain();
        void drainer.drain(); // a second signal does not start a second drain
        expect(isDraining()).toBe(true);
        // New connections are refused once the server stops listening.
        await expect(request('/new')).rejects.toThrow(/ECONNREFUSED/);
        expect(events).toEqual(['start /slow']); // nothing flushed while a request is in flight
        release();
        expect(await inFlight).toEqual({ status: 200, body: 'done' });
      })();
    });
    expect(await exited).toBe(0);
    expect(events).toEqual(['start /slow', 'end /slow', 'flush board', 'flush lanes (in flight 0)']);
  });

  it('exits 1 at the deadline when a request never finishes', async () => {
    const tracked = makeTracked();
    await start(tracked);
    const pending = request('/stuck').catch(() => null);
    while (tracked.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const code = await new Promise<number>((resolve) => {
      void createDrainer({ server, deadlineMs: 50, inFlight: tracked.inFlight, exit: resolve, log: () => {}, pollMs: 5 }).drain();
    });
    expect(code).toBe(1);
    server.closeAllConnections();
    release();
    await pending;
  });

  it('still runs the other flushers when one fails', async () => {
    const tracked = makeTracked();
    await start(tracked);
    const failures: string[] = [];
    onDrain('board-publisher', 10, () => Promise.reject(new Error('db gone')));
    onDrain('broadcast-lanes', 20, async () => void events.push('flush lanes'));
    const code = await new Promise<number>((resolve) => {
      void createDrainer({
        server,
        deadlineMs: 5_000,
        inFlight: tracked.inFlight,
        exit: resolve,
        log: (line, f) => line === 'flush failed' && failures.push(String(f?.name)),
      }).drain();
    });
    expect(code).toBe(0);
    expect(failures).toEqual(['board-publisher']);
    expect(events).toEqual(['flush lanes']);
  });
});

describe('trackInFlight', () => {
  it('answers 503 "draining" with connection: close to a request arriving during the drain', () => {
    let draining = false;
    const handled: string[] = [];
    const t = trackInFlight<{ url: string }, FakeRes>((req) => void handled.push(req.url), () => draining);
    const before = new FakeRes();
    t.handle({ url: '/a' }, before);
    expect(t.inFlight()).toBe(1);
    before.emitClose();
    before.emitClose(); // counted once
    expect(t.inFlight()).toBe(0);
    draining = true;
    const during = new FakeRes();
    t.handle({ url: '/b' }, during);
    expect(handled).toEqual(['/a']);
    expect(during.status).toBe(503);
    expect(during.headers.connection).toBe('close');
    expect(JSON.parse(during.body).error.code).toBe('draining');
    expect(t.inFlight()).toBe(0);
  });
});

class FakeRes {
  status = 0;
  headers: Record<string, string> = {};
  body = '';
  private closers: (() => void)[] = [];
  writeHead(s: number, h: Record<string, string>) {
    this.status = s;
    this.headers = h;
  }
  end(b?: string) {
    this.body = b ?? '';
  }
  on(_e: 'close', f: () => void) {
    this.closers.push(f);
  }
  emitClose() {
    for (const f of this.closers) f();
  }
}

describe('flushers of several module copies', () => {
  it('runs every registration, also two under the same name (tsx and Next.js copies)', async () => {
    const { runFlushers } = await import('./drain-state');
    const ran: string[] = [];
    onDrain('broadcast-lanes', 20, async () => void ran.push('lanes (tsx copy)'));
    onDrain('broadcast-lanes', 20, async () => void ran.push('lanes (Next.js copy)'));
    onDrain('board-publisher', 10, async () => void ran.push('board'));
    expect(await runFlushers()).toEqual(['board-publisher', 'broadcast-lanes', 'broadcast-lanes']);
    expect(ran).toEqual(['board', 'lanes (tsx copy)', 'lanes (Next.js copy)']);
  });
});
