/* Conformance against the official clients only: `pusher-js` on the socket, `pusher` for the HTTP API. */
import Pusher from 'pusher';
import type { PresenceChannel } from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  APP, apiFor, cleanupAll, client, connected, next, onCleanup, record, sentinel, sleep, startServer, subscribed,
  tcpProxy, until,
} from './test-helpers';
import { hmacHex } from './auth';
import { startPusherServer } from './server';

afterEach(cleanupAll);

describe('connection', () => {
  it('connects with a protocol socket id and answers pusher:ping', async () => {
    const { port } = await startServer();
    const c = client(port);
    const socketId = await connected(c);
    expect(socketId).toMatch(/^\d+\.\d+$/);
    const pong = next(c.connection, 'message');
    c.send_event('pusher:ping', {});
    expect((await pong).event).toBe('pusher:pong');
  });

  it('refuses an unknown app key with 4001 and pusher-js does not retry', async () => {
    const { server, port } = await startServer();
    const c = client(port, { key: 'no-such-key' });
    const states: string[] = [];
    c.connection.bind('state_change', (s: { current: string }) => states.push(s.current));
    const err = await next(c.connection, 'error');
    expect(err.error?.data?.code ?? err.data?.code).toBe(4001);
    await until(() => c.connection.state === 'disconnected', 5000, 'disconnected');
    // pusher-js retries after 0 s ('retry') or 1 s ('backoff'); watch a little past that.
    await sleep(1300);
    expect(states).toEqual(['disconnected']);
    expect(server.stats().connections).toBe(0);
  });

  it('closes with 4200 on graceful shutdown and pusher-js reconnects to the restarted server', async () => {
    const first = await startPusherServer({ ...APP, port: 0, logLevel: 'silent' });
    onCleanup(() => first.close());
    const proxy = await tcpProxy(first.port);
    const c = client(proxy.port);
    const before = await connected(c);
    const closeCode = new Promise<number>((resolve) => c.connection.bind('error', (e: any) => {
      const code = e?.error?.data?.code ?? e?.data?.code;
      if (code) resolve(code);
    }));
    proxy.setTarget(undefined); // the restart gap: new connections wait, as behind a load balancer
    await first.close();
    expect(await closeCode).toBe(4200);
    const again = await startServer();
    const reconnected = next<{ socket_id: string }>(c.connection, 'connected', 10_000);
    proxy.setTarget(again.port);
    expect((await reconnected).socket_id).not.toBe(before);
    expect(again.server.stats().connections).toBe(1);
  });
});

describe('public and private channels', () => {
  it('delivers an HTTP-triggered event on a public channel', async () => {
    const { port, api } = await startServer();
    const c = client(port);
    const { channel } = await subscribed(c, 'orders');
    const got = next(channel, 'created');
    await api.trigger('orders', 'created', { id: 7 });
    expect(await got).toEqual({ id: 7 });
  });

  it.each([
    ['forged', (_s: string, _c: string) => ({ auth: `${APP.key}:${'0'.repeat(64)}` })],
    ['wrong socket', (_s: string, ch: string) => apiFor(0).authorizeChannel('1.1', ch)],
    ['wrong channel', (s: string) => apiFor(0).authorizeChannel(s, 'private-other')],
    ['wrong key', (s: string, ch: string) => ({ auth: `other:${hmacHex(APP.secret, `${s}:${ch}`)}` })],
  ])('refuses %s private auth and leaks nothing to the refused socket', async (_name, authOverride) => {
    const { port, api } = await startServer();
    const bad = client(port, { authOverride });
    const channel = bad.subscribe('private-secret');
    const seen = record(channel);
    const err = await next(channel, 'pusher:subscription_error');
    expect(err).toMatchObject({ type: 'AuthError', status: 401 });
    expect(typeof err.error).toBe('string');

    const { channel: probe } = await subscribed(bad, 'public-probe');
    await api.trigger('private-secret', 'leak', { secret: true });
    await sentinel(api, probe);
    expect(seen.filter((e) => e.event === 'leak')).toEqual([]);
    const info = (await (await api.get({ path: '/channels/private-secret', params: { info: 'subscription_count' } })).json()) as any;
    expect(info).toEqual({ occupied: false, subscription_count: 0 });
  });

  it('accepts a signed private subscription and delivers events', async () => {
    const { port, api } = await startServer();
    const c = client(port);
    const { channel } = await subscribed(c, 'private-inbox');
    const got = next(channel, 'msg');
    await api.trigger('private-inbox', 'msg', 'plain string');
    expect(await got).toBe('plain string');
  });

  it('relays private-encrypted channels end to end without decrypting', async () => {
    const { port } = await startServer();
    const enc = new Pusher({
      ...APP, host: '127.0.0.1', port: String(port), useTLS: false,
      encryptionMasterKeyBase64: Buffer.alloc(32, 7).toString('base64'),
    });
    const c = client(port, { authOverride: (s, ch) => enc.authorizeChannel(s, ch) });
    const { channel } = await subscribed(c, 'private-encrypted-x');
    const got = next(channel, 'secret');
    await enc.trigger('private-encrypted-x', 'secret', { card: '4242' });
    expect(await got).toEqual({ card: '4242' });
    const res = await enc.get({ path: '/channels/private-encrypted-x', params: { info: 'subscription_count' } });
    expect(await res.json()).toEqual({ occupied: true, subscription_count: 1 });
  });

  it('unsubscribes', async () => {
    const { server, port, api } = await startServer();
    const c = client(port);
    await subscribed(c, 'news');
    c.unsubscribe('news');
    await until(() => server.stats().channels === 0, 5000, 'channel to empty');
    expect(await (await api.get({ path: '/channels/news' })).json()).toEqual({ occupied: false });
  });
});

describe('presence', () => {
  it('lists members, announces added/removed to others', async () => {
    const { port } = await startServer();
    const a = client(port, { user: { user_id: 'alice', user_info: { name: 'Alice' } } });
    const { channel: ca } = await subscribed(a, 'presence-room');
    expect((ca as PresenceChannel).members.count).toBe(1);
    expect((ca as PresenceChannel).members.me).toEqual({ id: 'alice', info: { name: 'Alice' } });

    const added = next(ca, 'pusher:member_added');
    const b = client(port, { user: { user_id: 'bob', user_info: { name: 'Bob' } } });
    const { channel: cb } = await subscribed(b, 'presence-room');
    expect(await added).toEqual({ id: 'bob', info: { name: 'Bob' } });
    const members: Record<string, unknown> = {};
    (cb as PresenceChannel).members.each((m: { id: string; info: unknown }) => (members[m.id] = m.info));
    expect(members).toEqual({ alice: { name: 'Alice' }, bob: { name: 'Bob' } });

    const removed = next(ca, 'pusher:member_removed');
    b.disconnect();
    expect(await removed).toEqual({ id: 'bob', info: { name: 'Bob' } });
    expect((ca as PresenceChannel).members.count).toBe(1);
  });

  it('counts one member per user id across sockets', async () => {
    const { server, port, api } = await startServer();
    const watcher = client(port, { user: { user_id: 'watcher' } });
    const { channel: w } = await subscribed(watcher, 'presence-team');
    const seen = record(w);
    const tab1 = client(port, { user: { user_id: 'carol' } });
    const tab2 = client(port, { user: { user_id: 'carol' } });
    await subscribed(tab1, 'presence-team');
    await subscribed(tab2, 'presence-team');
    await sentinel(api, w);
    expect(seen.filter((e) => e.event === 'pusher:member_added')).toHaveLength(1);
    expect((w as PresenceChannel).members.count).toBe(2);

    const users = async () => ((await (await api.get({ path: '/channels/presence-team/users' })).json()) as any).users;
    expect(await users()).toEqual([{ id: 'watcher' }, { id: 'carol' }]);

    tab2.disconnect();
    await until(() => server.stats().connections === 2, 5000, 'tab2 to leave');
    await sentinel(api, w);
    expect(seen.filter((e) => e.event === 'pusher:member_removed')).toHaveLength(0);

    const removed = next(w, 'pusher:member_removed');
    tab1.disconnect();
    expect((await removed).id).toBe('carol');
    expect(await users()).toEqual([{ id: 'watcher' }]);
  });
});

describe('client events', () => {
  it('reach the others but not the sender, with user_id on presence channels', async () => {
    const { port, api } = await startServer();
    const a = client(port, { user: { user_id: 'agent-1' } });
    const b = client(port, { user: { user_id: 'agent-2' } });
    const { channel: ca } = await subscribed(a, 'presence-desk');
    const { channel: cb } = await subscribed(b, 'presence-desk');
    const seenByA = record(ca);
    const got = new Promise<[unknown, { user_id?: string }]>((resolve) =>
      cb.bind('client-typing', (data: unknown, meta: { user_id?: string }) => resolve([data, meta])));
    ca.trigger('client-typing', { typing: true });
    const [data, meta] = await got;
    expect(data).toEqual({ typing: true });
    expect(meta.user_id).toBe('agent-1');
    await sentinel(api, ca);
    expect(seenByA.filter((e) => e.event === 'client-typing')).toEqual([]);
  });

  it('work on private channels', async () => {
    const { port } = await startServer();
    const a = client(port);
    const b = client(port);
    const { channel: ca } = await subscribed(a, 'private-chat');
    const { channel: cb } = await subscribed(b, 'private-chat');
    const got = next(cb, 'client-hello');
    ca.trigger('client-hello', 'hi');
    expect(await got).toBe('hi');
  });

  it('are refused on public channels', async () => {
    const { port, api } = await startServer();
    const a = client(port);
    const b = client(port);
    const { channel: ca } = await subscribed(a, 'lobby');
    const { channel: cb } = await subscribed(b, 'lobby');
    const seenByB = record(cb);
    const err = next(a.connection, 'error');
    ca.trigger('client-hello', 'hi');
    expect((await err).data).toMatchObject({ code: null, message: expect.stringMatching(/private and presence/) });
    await sentinel(api, cb);
    expect(seenByB.filter((e) => e.event === 'client-hello')).toEqual([]);
  });

  it('are rate limited to 10 per second with error 4301', async () => {
    const { port, api } = await startServer();
    const a = client(port);
    const b = client(port);
    const { channel: ca } = await subscribed(a, 'private-flood');
    const { channel: cb } = await subscribed(b, 'private-flood');
    const received = record(cb);
    const errors: any[] = [];
    a.connection.bind('error', (e: any) => errors.push(e));
    for (let i = 0; i < 15; i++) ca.trigger('client-n', { i });
    await until(() => errors.length > 0, 5000, 'rate limit error');
    expect(errors[0].data).toMatchObject({ code: 4301 });
    await sentinel(api, cb);
    // 15 sent in one burst: the first 10 pass, the rest are dropped, and the sender stays connected.
    expect(received.filter((e) => e.event === 'client-n').map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a.connection.state).toBe('connected');
  });
});

describe('HTTP API', () => {
  it('triggers to several channels, in batches, and excludes socket_id', async () => {
    const { port, api } = await startServer();
    const a = client(port);
    const b = client(port);
    const chans = await Promise.all(['c1', 'c2', 'c3'].map(async (n) => (await subscribed(a, n)).channel));
    const all = Promise.all(chans.map((ch) => next(ch, 'multi')));
    await api.trigger(['c1', 'c2', 'c3'], 'multi', { x: 1 });
    expect(await all).toEqual([{ x: 1 }, { x: 1 }, { x: 1 }]);

    const batch = Promise.all(chans.map((ch) => next(ch, 'batched')));
    await api.triggerBatch(chans.map((ch, i) => ({ channel: ch.name, name: 'batched', data: { i } })));
    expect(await batch).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);

    const tooMany = Array.from({ length: 11 }, () => ({ channel: 'c1', name: 'x', data: '' }));
    await expect(api.triggerBatch(tooMany)).rejects.toMatchObject({ status: 400 });

    const { channel: cb } = await subscribed(b, 'c1');
    const seenByA = record(chans[0]);
    const toB = next(cb, 'not-for-a');
    await api.trigger('c1', 'not-for-a', {}, { socket_id: a.connection.socket_id });
    await toB;
    await sentinel(api, chans[0]);
    expect(seenByA.filter((e) => e.event === 'not-for-a')).toEqual([]);
  });

  it('reports channel info, counts and users', async () => {
    const { port, api } = await startServer();
    const a = client(port, { user: { user_id: 'u1' } });
    const b = client(port, { user: { user_id: 'u2' } });
    await subscribed(a, 'presence-lobby');
    await subscribed(b, 'presence-lobby');
    await subscribed(a, 'private-x');
    const get = async (path: string, params?: Record<string, string>) =>
      (await (await api.get({ path, params })).json()) as any;

    expect(await get('/channels')).toEqual({ channels: { 'presence-lobby': {}, 'private-x': {} } });
    expect(await get('/channels', { filter_by_prefix: 'presence-', info: 'user_count' }))
      .toEqual({ channels: { 'presence-lobby': { user_count: 2 } } });
    await expect(api.get({ path: '/channels', params: { info: 'user_count' } })).rejects.toMatchObject({ status: 400 });
    expect(await get('/channels/presence-lobby', { info: 'user_count,subscription_count' }))
      .toEqual({ occupied: true, user_count: 2, subscription_count: 2 });
    expect(await get('/channels/private-x', { info: 'subscription_count' })).toEqual({ occupied: true, subscription_count: 1 });
    expect(await get('/channels/empty')).toEqual({ occupied: false });
    await expect(api.get({ path: '/channels/private-x', params: { info: 'user_count' } })).rejects.toMatchObject({ status: 400 });
    expect(await get('/channels/presence-lobby/users')).toEqual({ users: [{ id: 'u1' }, { id: 'u2' }] });
    await expect(api.get({ path: '/channels/private-x/users' })).rejects.toMatchObject({ status: 400 });

    const res = await api.trigger('presence-lobby', 'e', {}, { info: 'user_count,subscription_count' });
    expect(await res.json()).toEqual({ channels: { 'presence-lobby': { user_count: 2, subscription_count: 2 } } });
    expect(await (await api.trigger('private-x', 'e', {})).json()).toEqual({});
  });

  it('refuses a wrong secret, a stale timestamp, a bad body md5 and an unknown app', async () => {
    const { port } = await startServer();
    await expect(apiFor(port, { secret: 'wrong' }).trigger('c', 'e', {})).rejects.toMatchObject({ status: 401 });
    await expect(apiFor(port, { appId: '999' }).trigger('c', 'e', {})).rejects.toMatchObject({ status: 404 });

    const body = JSON.stringify({ name: 'e', data: '{}', channel: 'c' });
    const md5 = (await import('node:crypto')).createHash('md5').update(body).digest('hex');
    const post = (ts: number, bodyMd5: string) => {
      const query = `auth_key=${APP.key}&auth_timestamp=${ts}&auth_version=1.0&body_md5=${bodyMd5}`;
      const path = `/apps/${APP.appId}/events`;
      const sig = hmacHex(APP.secret, `POST\n${path}\n${query}`);
      return fetch(`http://127.0.0.1:${port}${path}?${query}&auth_signature=${sig}`, {
        method: 'POST', body, headers: { 'content-type': 'application/json' },
      });
    };
    const now = Math.floor(Date.now() / 1000);
    expect((await post(now, md5)).status).toBe(200);
    expect((await post(now - 610, md5)).status).toBe(401);
    expect((await post(now + 610, md5)).status).toBe(401);
    expect((await post(now - 590, md5)).status).toBe(200);
    const bad = await post(now, 'f'.repeat(32));
    expect(bad.status).toBe(401);
    expect(await bad.text()).toMatch(/body_md5/);
  });

  it('answers 413 to an event over 10 KB', async () => {
    const { port, api } = await startServer();
    await expect(api.trigger('c', 'big', 'x'.repeat(10_241))).rejects.toMatchObject({ status: 413 });
    await expect(api.trigger('c', 'ok', 'x'.repeat(10_000))).resolves.toBeTruthy();
    void port;
  });
});

describe('users', () => {
  it('signs in, receives sendToUser events, and is disconnected by terminate_connections', async () => {
    const { server, port, api } = await startServer();
    const u = client(port, { signinUser: { id: 'agent-7', name: 'Ann' } });
    const other = client(port, { signinUser: { id: 'agent-8' } });
    await connected(u);
    await connected(other);
    const signedIn = next(u.connection, 'message');
    u.signin();
    other.signin();
    expect((await signedIn).event).toBe('pusher:signin_success');
    await until(() => server.stats().signedInUsers === 2, 5000, 'both sign-ins');
    await until(() => server.stats().channels === 2, 5000, 'server-to-user channels');

    const direct = next(u.user, 'notice');
    await api.sendToUser('agent-7', 'notice', { hello: 1 });
    expect(await direct).toEqual({ hello: 1 });

    const gone = next(u.connection, 'disconnected');
    await api.terminateUserConnections('agent-7');
    await gone;
    await until(() => server.stats().connections === 1, 5000, 'connection count');
    expect(other.connection.state).toBe('connected');
  });

  it('tells the app which user a socket is signed in as (GET /apps/:id/sockets/:socket_id): null before sign-in, after close, for strangers', async () => {
    const { port, api } = await startServer();
    const lookup = async (socketId: string) => (await (await api.get({ path: `/sockets/${socketId}` })).json()) as { user_id: string | null };
    const u = client(port, { signinUser: { id: 'agent-7' } });
    const socketId = await connected(u);
    // Connected, not signed in: no user (the app refuses it staff-only channels).
    expect(await lookup(socketId)).toEqual({ user_id: null });
    const signedIn = next(u.connection, 'message');
    u.signin();
    expect((await signedIn).event).toBe('pusher:signin_success');
    expect(await lookup(socketId)).toEqual({ user_id: 'agent-7' });
    // Another socket id, never seen: null, not an error (nothing to tell about it).
    expect(await lookup('1.999999')).toEqual({ user_id: null });
    await expect(api.get({ path: '/sockets/not-a-socket' })).rejects.toMatchObject({ status: 400 });
    // Terminated: the socket is gone, and so is its user.
    const gone = next(u.connection, 'disconnected');
    await api.terminateUserConnections('agent-7');
    await gone;
    expect(await lookup(socketId)).toEqual({ user_id: null });
  });

  it('refuses the socket lookup unsigned, wrongly signed, or for another app', async () => {
    const { port } = await startServer();
    const u = client(port, { signinUser: { id: 'agent-9' } });
    const socketId = await connected(u);
    const signedIn = next(u.connection, 'message');
    u.signin();
    await signedIn;
    const path = `/apps/${APP.appId}/sockets/${socketId}`;
    const unsigned = await fetch(`http://127.0.0.1:${port}${path}`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).not.toContain('agent-9');
    const signed = (secret: string, p = path) => {
      const query = `auth_key=${APP.key}&auth_timestamp=${Math.floor(Date.now() / 1000)}&auth_version=1.0`;
      return fetch(`http://127.0.0.1:${port}${p}?${query}&auth_signature=${hmacHex(secret, `GET\n${p}\n${query}`)}`);
    };
    const wrong = await signed('not-the-secret');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('agent-9');
    // The signature covers the path: one made for another socket does not open this one.
    const other = `/apps/${APP.appId}/sockets/1.1`;
    const query = `auth_key=${APP.key}&auth_timestamp=${Math.floor(Date.now() / 1000)}&auth_version=1.0`;
    const replayed = await fetch(`http://127.0.0.1:${port}${path}?${query}&auth_signature=${hmacHex(APP.secret, `GET\n${other}\n${query}`)}`);
    expect(replayed.status).toBe(401);
    await expect(apiFor(port, { appId: '999' }).get({ path: `/sockets/${socketId}` })).rejects.toMatchObject({ status: 404 });
    // Control: the right signature answers.
    const ok = await signed(APP.secret);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ user_id: 'agent-9' });
  });

  it('closes the socket with 4009 on a forged signin', async () => {
    const { port } = await startServer();
    const u = client(port, {
      extra: { userAuthentication: { customHandler: (_p, cb) => cb(null, { auth: `${APP.key}:${'1'.repeat(64)}`, user_data: '{"id":"x"}' }) } },
    });
    await connected(u);
    const err = next(u.connection, 'error');
    u.signin();
    expect((await err).data).toMatchObject({ code: 4009 });
    await until(() => u.connection.state === 'disconnected', 5000, 'disconnected');
  });
});

describe('floods from one address or one socket', () => {
  /** A raw socket from a given loopback address; resolves with the first frame and the close. */
  function from(port: number, localAddress: string) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/${APP.key}?protocol=7&client=js&version=8.6.0`, { localAddress });
    onCleanup(() => ws.terminate());
    ws.on('error', () => undefined);
    const first = new Promise<any>((resolve) => ws.once('message', (b) => resolve(JSON.parse(b.toString()))));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    return { ws, first, closed };
  }

  it('caps the sockets one address may hold with 4100, and still serves other addresses', async () => {
    const { server, port } = await startServer({ maxConnectionsPerAddress: 2 });
    const a = client(port);
    const b = client(port);
    await connected(a);
    await connected(b);
    // A third pusher-js client from the same address is refused with 4100 (it backs off and retries).
    const c = client(port);
    const err = await next(c.connection, 'error');
    expect(err.error?.data?.code ?? err.data?.code).toBe(4100);
    c.disconnect();
    // Another address is served while this one is full.
    const other = from(port, '127.0.0.2');
    expect((await other.first).event).toBe('pusher:connection_established');
    // So is the full address once one of its sockets has gone.
    a.disconnect();
    await until(() => server.stats().connections === 2, 5000, 'a gone');
    const again = from(port, '127.0.0.1');
    expect((await again.first).event).toBe('pusher:connection_established');
    expect(server.stats().floods.perAddress).toBeGreaterThanOrEqual(1);
  });

  it('closes a socket that sends frames faster than its rate with 4100, and no other', async () => {
    const { server, port } = await startServer({ maxFramesPerSecond: 20 });
    const calm = client(port);
    await connected(calm);
    const flood = from(port, '127.0.0.3');
    await flood.first;
    // The burst allowance is the channel cap + 150 (a reconnect resubscribes everything at once).
    for (let i = 0; i < 400; i++) flood.ws.send(JSON.stringify({ event: 'pusher:ping', data: {} }));
    expect(await flood.closed).toBe(4100);
    expect(server.stats().floods.frameRate).toBe(1);
    const pong = next(calm.connection, 'message');
    calm.send_event('pusher:ping', {});
    expect((await pong).event).toBe('pusher:pong');
    expect(calm.connection.state).toBe('connected');
  });

  it('lets a client subscribe to every channel it may hold at once (the reconnect burst)', async () => {
    const { port } = await startServer({ maxFramesPerSecond: 20 });
    const c = client(port);
    await connected(c);
    const subs = Array.from({ length: 100 }, (_, i) => subscribed(c, `burst-${i}`));
    await Promise.all(subs);
    expect(c.connection.state).toBe('connected');
  });
});
