/* Wire-level edge cases that the official clients never produce, driven through a raw WebSocket. */
import { afterEach, describe, expect, it } from 'vitest';
import { hmacHex } from './auth';
import { APP, cleanupAll, raw, startServer, until } from './test-helpers';

afterEach(cleanupAll);

async function established(c: ReturnType<typeof raw>): Promise<string> {
  return (await c.next('pusher:connection_established')).data.socket_id;
}

function presenceSub(socketId: string, channel: string, channelData: unknown) {
  const cd = JSON.stringify(channelData);
  return {
    event: 'pusher:subscribe',
    data: { channel, channel_data: cd, auth: `${APP.key}:${hmacHex(APP.secret, `${socketId}:${channel}:${cd}`)}` },
  };
}

describe('handshake', () => {
  it.each([
    ['no protocol', `/app/${APP.key}`, 4008],
    ['unsupported protocol', `/app/${APP.key}?protocol=3`, 4007],
    ['unknown path', `/socket?protocol=7`, 4005],
    ['unknown key', `/app/nope?protocol=7`, 4001],
  ])('%s is refused with pusher:error and close', async (_n, path, code) => {
    const { port } = await startServer();
    const c = raw(port, path);
    expect((await c.next('pusher:error')).data.code).toBe(code);
    expect((await c.closed).code).toBe(code);
  });

  it('announces activity_timeout and refuses connections over maxConnections with 4100', async () => {
    const { port } = await startServer({ maxConnections: 2, activityTimeoutSec: 42 });
    const a = raw(port);
    expect((await a.next('pusher:connection_established')).data).toMatchObject({ activity_timeout: 42 });
    await established(raw(port));
    const c = raw(port);
    expect((await c.next('pusher:error')).data.code).toBe(4100);
    expect((await c.closed).code).toBe(4100);
  });
});

describe('messages', () => {
  it('answers bad input with pusher:error and keeps the connection', async () => {
    const { port } = await startServer();
    const c = raw(port);
    const socketId = await established(c);
    c.send('not json');
    expect((await c.next('pusher:error')).data.code).toBeNull();
    c.send({ event: 'pusher:nonsense', data: {} });
    expect((await c.next('pusher:error')).data.message).toMatch(/Unsupported/);
    c.send({ event: 'pusher:subscribe', data: { channel: 'bad name!' } });
    expect((await c.next('pusher:subscription_error')).data).toMatchObject({ status: 400 });
    c.send({ event: 'pusher:subscribe', data: { channel: 'x'.repeat(165) } });
    expect((await c.next('pusher:subscription_error')).data).toMatchObject({ status: 400 });
    c.send({ event: 'client-x', channel: 'private-notmine', data: {} });
    expect((await c.next('pusher:error')).data.message).toMatch(/not subscribed/);
    const channel = 'private-big';
    c.send({ event: 'pusher:subscribe', data: { channel, auth: `${APP.key}:${hmacHex(APP.secret, `${socketId}:${channel}`)}` } });
    await c.next('pusher_internal:subscription_succeeded');
    c.send({ event: 'client-big', channel, data: 'x'.repeat(10_241) });
    expect((await c.next('pusher:error')).data.message).toMatch(/payload/);
    const enc = 'private-encrypted-e';
    c.send({ event: 'pusher:subscribe', data: { channel: enc, auth: `${APP.key}:${hmacHex(APP.secret, `${socketId}:${enc}`)}` } });
    await c.next('pusher_internal:subscription_succeeded');
    c.send({ event: 'client-x', channel: enc, data: {} });
    expect((await c.next('pusher:error')).data.message).toMatch(/private and presence/);
    c.send({ event: 'pusher:ping', data: {} });
    await c.next('pusher:pong');
  });

  it('validates presence channel_data and caps members at 100', async () => {
    const { port } = await startServer();
    const c = raw(port);
    const id = await established(c);
    c.send(presenceSub(id, 'presence-a', { user_info: {} }));
    expect((await c.next('pusher:subscription_error')).data.error).toMatch(/user_id/);
    c.send(presenceSub(id, 'presence-a', { user_id: 'u'.repeat(129) }));
    expect((await c.next('pusher:subscription_error')).data.error).toMatch(/user_id/);
    c.send(presenceSub(id, 'presence-a', { user_id: 'u', user_info: { bio: 'x'.repeat(1100) } }));
    expect((await c.next('pusher:subscription_error')).data.error).toMatch(/user_info/);
    c.send({ event: 'pusher:subscribe', data: { channel: 'presence-a', channel_data: '{"user_id":"u"}', auth: `${APP.key}:00` } });
    expect((await c.next('pusher:subscription_error')).data).toMatchObject({ type: 'AuthError', status: 401 });

    for (let i = 0; i < 100; i++) c.send(presenceSub(id, 'presence-full', { user_id: i }));
    // The same socket subscribing again is idempotent, so use a second socket for members 2..100.
    await c.next('pusher_internal:subscription_succeeded');
    const others = await Promise.all(Array.from({ length: 100 }, async (_, i) => {
      const o = raw(port);
      const oid = await established(o);
      o.send(presenceSub(oid, 'presence-full', { user_id: `user-${i}` }));
      return o;
    }));
    const outcomes = await Promise.all(others.map((o) => Promise.race([
      o.next('pusher_internal:subscription_succeeded').then(() => 'ok'),
      o.next('pusher:subscription_error').then((m) => m.data.type as string),
    ])));
    expect(outcomes.filter((x) => x === 'ok')).toHaveLength(99);
    expect(outcomes.filter((x) => x === 'LimitReached')).toHaveLength(1);
  });
});

describe('liveness and back-pressure', () => {
  it('pings idle sockets and closes with 4201 when no pong comes', async () => {
    const { port } = await startServer({ activityTimeoutSec: 1, pongTimeoutMs: 300 });
    const silent = raw(port);
    const polite = raw(port);
    await established(silent);
    await established(polite);
    const ping = await polite.next('pusher:ping', 5000);
    expect(ping).toBeTruthy();
    polite.send({ event: 'pusher:pong', data: {} });
    expect((await silent.closed).code).toBe(4201);
    expect(polite.ws.readyState).toBe(polite.ws.OPEN);
  });

  it('drops a slow consumer instead of buffering without bound', async () => {
    const { server, port, api } = await startServer();
    const slow = raw(port);
    await established(slow);
    slow.send({ event: 'pusher:subscribe', data: { channel: 'firehose' } });
    await slow.next('pusher_internal:subscription_succeeded');
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = 'x'.repeat(10_000);
    const batch = Array.from({ length: 10 }, () => ({ channel: 'firehose', name: 'bulk', data: chunk }));
    // ~100 KB per call; kernel socket buffers absorb a few MB before the server sees back-pressure.
    for (let i = 0; i < 600 && server.stats().connections > 0; i++) await api.triggerBatch(batch);
    await until(() => server.stats().connections === 0, 5000, 'slow consumer to be dropped');
  });
});
