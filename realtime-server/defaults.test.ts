/*
 * The built-in server's safer defaults (issue 7), each with its configuration switch: client
 * events off unless enabled, public channels off unless enabled, and a per-connection
 * subscription cap answered with a clear pusher:error. pusher-js and the `pusher` SDK only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APP, apiFor, cleanupAll, client, next, onCleanup, record, sentinel, subscribed, until } from './test-helpers';
import { DEFAULT_MAX_CHANNELS_PER_CONNECTION, startPusherServer, type PusherServerOptions } from './server';

afterEach(cleanupAll);

/** A server exactly as configured here: no test-helper overrides. */
async function serverWith(opts: Partial<PusherServerOptions> = {}) {
  const server = await startPusherServer({ ...APP, port: 0, logLevel: 'silent', ...opts });
  onCleanup(() => server.close());
  return { server, port: server.port, api: apiFor(server.port) };
}

describe('client events', () => {
  it('are off by default: refused with a pusher:error, nothing relayed', async () => {
    const { port, api } = await serverWith();
    const a = client(port);
    const b = client(port);
    const { channel: ca } = await subscribed(a, 'private-room');
    const { channel: cb } = await subscribed(b, 'private-room');
    const seenByB = record(cb);
    const err = next(a.connection, 'error');
    ca.trigger('client-hello', 'hi');
    expect((await err).data).toMatchObject({ code: null, message: expect.stringMatching(/client events are not enabled/) });
    await sentinel(api, cb);
    expect(seenByB.filter((e) => e.event === 'client-hello')).toEqual([]);
    expect(a.connection.state).toBe('connected');
  });

  it('are relayed when the app enables them (clientEvents / REALTIME_CLIENT_EVENTS=true)', async () => {
    const { port } = await serverWith({ clientEvents: true });
    const a = client(port);
    const b = client(port);
    const { channel: ca } = await subscribed(a, 'private-room');
    const { channel: cb } = await subscribed(b, 'private-room');
    const got = next(cb, 'client-hello');
    ca.trigger('client-hello', 'hi');
    expect(await got).toBe('hi');
  });
});

describe('public channels', () => {
  it('are off by default: the subscription is refused and HTTP-triggered events never reach the socket', async () => {
    const { server, port, api } = await serverWith();
    const c = client(port);
    const channel = c.subscribe('lobby');
    const seen = record(channel);
    const err = await next(channel, 'pusher:subscription_error');
    expect(err).toMatchObject({ type: 'AuthError', status: 403, error: expect.stringMatching(/Public channels are not enabled/) });
    await api.trigger('lobby', 'news', { x: 1 });
    const { channel: probe } = await subscribed(c, 'private-probe');
    await sentinel(api, probe);
    expect(seen.filter((e) => e.event === 'news')).toEqual([]);
    expect(server.stats().channels).toBe(1); // the private probe only
  });

  it('are served when the app enables them (publicChannels / REALTIME_PUBLIC_CHANNELS=true)', async () => {
    const { port, api } = await serverWith({ publicChannels: true });
    const c = client(port);
    const { channel } = await subscribed(c, 'lobby');
    const got = next(channel, 'news');
    await api.trigger('lobby', 'news', { x: 1 });
    expect(await got).toEqual({ x: 1 });
  });
});

describe('subscriptions per connection', () => {
  it(`are capped (default ${DEFAULT_MAX_CHANNELS_PER_CONNECTION}): one more is refused with a clear pusher:error, the socket stays up`, async () => {
    const { server, port } = await serverWith();
    const c = client(port);
    for (let i = 0; i < DEFAULT_MAX_CHANNELS_PER_CONNECTION; i++) c.subscribe(`private-c${i}`);
    await until(() => server.stats().channels === DEFAULT_MAX_CHANNELS_PER_CONNECTION, 10_000, 'all subscriptions');
    const err = next(c.connection, 'error');
    const extra = c.subscribe('private-one-too-many');
    const refused = await next(extra, 'pusher:subscription_error');
    expect(refused).toMatchObject({ type: 'LimitReached', status: 403 });
    expect((await err).data).toMatchObject({ code: null, message: expect.stringMatching(/at most 100 channels per connection/) });
    expect(server.stats().channels).toBe(DEFAULT_MAX_CHANNELS_PER_CONNECTION);
    expect(c.connection.state).toBe('connected');
    // Room again after leaving one.
    c.unsubscribe('private-c0');
    await until(() => server.stats().channels === DEFAULT_MAX_CHANNELS_PER_CONNECTION - 1, 5000, 'unsubscribe');
    await subscribed(c, 'private-fits-now');
  });

  it('the cap is configurable (maxChannelsPerConnection / REALTIME_MAX_CHANNELS_PER_CONNECTION)', async () => {
    const { port } = await serverWith({ maxChannelsPerConnection: 2 });
    const c = client(port);
    await subscribed(c, 'private-a');
    await subscribed(c, 'private-b');
    const refused = await next(c.subscribe('private-c'), 'pusher:subscription_error');
    expect(refused).toMatchObject({ type: 'LimitReached', status: 403, error: expect.stringMatching(/at most 2 channels/) });
    // A re-subscription to a channel it holds is not a new one.
    c.unsubscribe('private-a');
    await subscribed(c, 'private-a');
  });
});
