// Defect 1 (security round 2), against the real built-in realtime server: the auth route's check
// asks it which user a socket is signed in as, and refuses anything but the caller. Against a
// Pusher-protocol server without that lookup (soketi, hosted Pusher: 404), it fails closed unless
// REALTIME_STAFF_SOCKET_CHECK=off says otherwise.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Pusher from 'pusher';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startPusherServer, type PusherServerHandle } from '@/realtime-server/server';

const APP = { appId: '777', key: 'staff-socket-key', secret: 'staff-socket-secret-0123456789' };
let rt: PusherServerHandle;
let notFound: http.Server;
const opened: WebSocket[] = [];

beforeAll(async () => {
  rt = await startPusherServer({ ...APP, port: 0, logLevel: 'silent' });
  notFound = http.createServer((_req, res) => res.writeHead(404).end('Not found\n'));
  await new Promise<void>((r) => notFound.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const ws of opened) ws.close();
  await rt.close();
  await new Promise((r) => notFound.close(r));
});

/** The modules under test, loaded against `port` with this check mode (env is read once per load). */
async function load(port: number, check?: 'signed-in' | 'off') {
  vi.resetModules();
  delete (globalThis as { pusher?: unknown }).pusher;
  Object.assign(process.env, {
    DATABASE_URL: 'postgresql://unused@127.0.0.1:1/none',
    NEXTAUTH_SECRET: 'x'.repeat(32),
    PUSHER_APP_ID: APP.appId, PUSHER_KEY: APP.key, PUSHER_SECRET: APP.secret,
    PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(port), PUSHER_USE_TLS: 'false',
    LOG_LEVEL: 'silent',
  });
  if (check) process.env.REALTIME_STAFF_SOCKET_CHECK = check;
  else delete process.env.REALTIME_STAFF_SOCKET_CHECK;
  return import('./staff-socket');
}

/** A raw socket on the built-in server; `signIn(user)` signs it in as the app's user-auth route would. */
async function socket() {
  const ws = new WebSocket(`ws://127.0.0.1:${rt.port}/app/${APP.key}?protocol=7&client=test&version=1`);
  opened.push(ws);
  const frames: { event: string; data?: string }[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw)) as (typeof frames)[number]));
  await vi.waitFor(() => expect(frames[0]?.event).toBe('pusher:connection_established'));
  const socketId = (JSON.parse(frames[0]!.data!) as { socket_id: string }).socket_id;
  const signer = new Pusher({ ...APP, host: '127.0.0.1', port: String(rt.port), useTLS: false });
  return {
    socketId,
    async signIn(userId: string) {
      ws.send(JSON.stringify({ event: 'pusher:signin', data: signer.authenticateUser(socketId, { id: userId }) }));
      await vi.waitFor(() => expect(frames.some((f) => f.event === 'pusher:signin_success')).toBe(true));
    },
  };
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'granted', (e: { code?: string }) => e.code ?? String(e));


describe('requireSignedInSocket (default: signed-in)', () => {
  it('refuses a socket that never signed in, grants it once signed in as the caller, never as someone else', async () => {
    const { requireSignedInSocket, lookupSocketUser } = await load(rt.port);
    const s = await socket();
    expect(await lookupSocketUser(s.socketId)).toEqual({ userId: null });
    expect(await codeOf(requireSignedInSocket('agent-1', s.socketId))).toBe('forbidden');
    await s.signIn('agent-1');
    expect(await codeOf(requireSignedInSocket('agent-1', s.socketId))).toBe('granted');
    // Another staff member cannot use this socket (nor can its own user use another's).
    expect(await codeOf(requireSignedInSocket('agent-2', s.socketId))).toBe('forbidden');
    const other = await socket();
    await other.signIn('agent-2');
    expect(await codeOf(requireSignedInSocket('agent-1', other.socketId))).toBe('forbidden');
    // A socket id that is not open (made up, or long gone).
    expect(await codeOf(requireSignedInSocket('agent-1', '123.456'))).toBe('forbidden');
  });

  it('fails closed (503 overloaded) when the realtime server has no socket lookup, as soketi and hosted Pusher', async () => {
    const { requireSignedInSocket } = await load((notFound.address() as AddressInfo).port);
    expect(await codeOf(requireSignedInSocket('agent-1', '1.1'))).toBe('overloaded');
  });
});

describe('REALTIME_STAFF_SOCKET_CHECK=off', () => {
  it('grants without asking (and without a lookup endpoint)', async () => {
    const { requireSignedInSocket } = await load((notFound.address() as AddressInfo).port, 'off');
    expect(await codeOf(requireSignedInSocket('agent-1', '1.1'))).toBe('granted');
  });
});
