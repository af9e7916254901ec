/* Shared by the *.test.ts files: real servers on free ports, official clients, and waits with timeouts. */
import Pusher from 'pusher';
import PusherClient from 'pusher-js';
import type { Channel, Options } from 'pusher-js';
import { WebSocket } from 'ws';
import { startPusherServer, type PusherServerHandle, type PusherServerOptions } from './server';

export const APP = { appId: '4242', key: 'test-key', secret: 'test-secret' };

export interface TestServer {
  server: PusherServerHandle;
  port: number;
  api: Pusher;
}

const cleanups: Array<() => Promise<void> | void> = [];

/** Runs (in reverse order) everything the helpers opened; call from afterEach. */
export async function cleanupAll(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn();
}

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

export function apiFor(port: number, overrides: Partial<{ secret: string; appId: string }> = {}): Pusher {
  return new Pusher({ ...APP, ...overrides, host: '127.0.0.1', port: String(port), useTLS: false });
}

/**
 * A server for the protocol tests: public channels and client events on (they test what hosted
 * Pusher does when an app enables them). The safer defaults themselves are tested in defaults.test.ts.
 */
export async function startServer(opts: Partial<PusherServerOptions> = {}): Promise<TestServer> {
  const server = await startPusherServer({ ...APP, port: 0, logLevel: 'silent', publicChannels: true, clientEvents: true, ...opts });
  cleanups.push(() => server.close());
  return { server, port: server.port, api: apiFor(server.port) };
}

export interface ClientOptions {
  /** presence channel_data for channels starting with presence- */
  user?: { user_id: string; user_info?: Record<string, unknown> };
  /** user data for pusher:signin */
  signinUser?: { id: string; [k: string]: unknown };
  /** Replaces the signature: returns the auth the custom handler hands to pusher-js. */
  authOverride?: (socketId: string, channel: string) => { auth: string; channel_data?: string };
  key?: string;
  extra?: Partial<Options>;
}

/** A pusher-js client whose channel authorizer signs with the official `pusher` server SDK. */
export function client(port: number, opts: ClientOptions = {}): PusherClient {
  const signer = apiFor(port);
  const c = new PusherClient(opts.key ?? APP.key, {
    cluster: 'x',
    wsHost: '127.0.0.1',
    wsPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, cb) => {
        try {
          if (opts.authOverride) return cb(null, opts.authOverride(socketId, channelName));
          const presence = channelName.startsWith('presence-') ? opts.user ?? { user_id: socketId } : undefined;
          cb(null, signer.authorizeChannel(socketId, channelName, presence));
        } catch (err) {
          cb(err as Error, null);
        }
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, cb) => {
        try {
          cb(null, signer.authenticateUser(socketId, opts.signinUser ?? { id: 'nobody' }));
        } catch (err) {
          cb(err as Error, null);
        }
      },
    },
    ...opts.extra,
  });
  cleanups.push(() => c.disconnect());
  return c;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

interface Bindable {
  bind(event: string, cb: (...args: any[]) => void): unknown;
  unbind(event: string, cb: (...args: any[]) => void): unknown;
}

/** Resolves with the first payload of `event` on a pusher-js channel / connection / user. */
export function next<T = any>(target: Bindable, event: string, ms = 5000): Promise<T> {
  return withTimeout(new Promise<T>((resolve) => {
    const cb = (data: T) => {
      target.unbind(event, cb);
      resolve(data);
    };
    target.bind(event, cb);
  }), ms, `'${event}'`);
}

export async function connected(c: PusherClient, ms = 5000): Promise<string> {
  if (c.connection.state !== 'connected') await next(c.connection, 'connected', ms);
  return c.connection.socket_id;
}

export async function subscribed(c: PusherClient, name: string): Promise<{ channel: Channel; data: any }> {
  const channel = c.subscribe(name);
  const data = await Promise.race([
    next(channel, 'pusher:subscription_succeeded'),
    next(channel, 'pusher:subscription_error').then((e) => {
      throw new Error(`subscription to ${name} failed: ${JSON.stringify(e)}`);
    }),
  ]);
  return { channel, data };
}

/** Records every event delivered on a channel (bind_global), for "nothing else arrived" checks. */
export function record(channel: Channel): Array<{ event: string; data: any }> {
  const seen: Array<{ event: string; data: any }> = [];
  channel.bind_global((event: string, data: any) => seen.push({ event, data }));
  return seen;
}

/**
 * Events on one socket arrive in order, so once a sentinel triggered after the action has arrived,
 * anything the action would have caused would already be here: lets "no event" tests avoid sleeps.
 */
export async function sentinel(api: Pusher, channel: Channel): Promise<void> {
  const got = next(channel, 'sentinel');
  await api.trigger(channel.name, 'sentinel', {});
  await got;
}

export async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Raw WebSocket for protocol edge cases pusher-js would never send. */
export interface RawClient {
  ws: WebSocket;
  messages: Array<{ event: string; channel?: string; data: any }>;
  next(event: string, ms?: number): Promise<{ event: string; channel?: string; data: any }>;
  closed: Promise<{ code: number; reason: string }>;
  send(msg: unknown): void;
}

export function raw(port: number, path = `/app/${APP.key}?protocol=7&client=js&version=8.6.0`): RawClient {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  const messages: RawClient['messages'] = [];
  const waiters: Array<{ event: string; resolve: (m: RawClient['messages'][number]) => void }> = [];
  let consumed = 0;
  ws.on('message', (buf) => {
    const m = JSON.parse(buf.toString());
    if (typeof m.data === 'string') {
      try {
        m.data = JSON.parse(m.data);
      } catch {
        /* plain string data */
      }
    }
    messages.push(m);
    const i = waiters.findIndex((w) => w.event === m.event);
    if (i >= 0) {
      waiters.splice(i, 1)[0].resolve(m);
      consumed = messages.length;
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on('error', () => undefined);
  cleanups.push(() => ws.terminate());
  return {
    ws,
    messages,
    closed,
    send: (msg) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    next(event, ms = 5000) {
      const found = messages.slice(consumed).find((m) => m.event === event);
      if (found) {
        consumed = messages.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return withTimeout(new Promise((resolve) => waiters.push({ event, resolve })), ms, `raw '${event}'`);
    },
  };
}

/**
 * A TCP forwarder standing in for a load balancer: connections that arrive while no
 * target is set wait until one is. pusher-js in Node (faye-websocket) only notices a refused
 * connection after a 15 s strategy timeout, so a restart gap must not surface as ECONNREFUSED.
 */
export async function tcpProxy(initialTarget?: number): Promise<{ port: number; setTarget(port?: number): void }> {
  const net = await import('node:net');
  let target = initialTarget;
  const waiting: import('node:net').Socket[] = [];
  const open = new Set<import('node:net').Socket>();
  const forward = (down: import('node:net').Socket, port: number) => {
    const up = net.connect(port, '127.0.0.1');
    open.add(up);
    up.on('close', () => open.delete(up));
    down.pipe(up).pipe(down);
    up.on('error', () => down.destroy());
    down.on('error', () => up.destroy());
    down.on('close', () => up.destroy());
    up.on('close', () => down.destroy());
  };
  const server = net.createServer((down) => {
    open.add(down);
    down.on('close', () => open.delete(down));
    if (target === undefined) waiting.push(down);
    else forward(down, target);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const s of open) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return {
    port: (server.address() as import('node:net').AddressInfo).port,
    setTarget(port) {
      target = port;
      if (port !== undefined) for (const s of waiting.splice(0)) if (!s.destroyed) forward(s, port);
    },
  };
}
