import { afterEach, describe, expect, it } from 'vitest';
import PusherClient from 'pusher-js';
import { APP, apiFor, cleanupAll, connected, next, onCleanup, startServer } from '@/realtime-server/test-helpers';
import { authErrorStatus, retryFailedSubscriptions, subscriptionRetryDelayMs } from './subscription-retry';

describe('subscriptionRetryDelayMs', () => {
  it('gives up on a refusal: the caller may not have the channel, or asked wrongly', () => {
    for (const status of [400, 401, 403, 404]) expect(subscriptionRetryDelayMs(0, status)).toBeNull();
  });

  it('asks again after a failure that may pass: unreachable, overloaded, rate-limited, server error', () => {
    for (const status of [undefined, 0, 408, 429, 500, 502, 503]) expect(subscriptionRetryDelayMs(0, status, () => 0)).toBe(500);
  });

  it('backs off exponentially from 1 s to 30 s, with jitter in the upper half', () => {
    const at = (attempt: number, r: number) => subscriptionRetryDelayMs(attempt, 503, () => r);
    expect([0, 1, 2, 3, 4].map((a) => at(a, 1))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(at(5, 1)).toBe(30_000);
    expect(at(50, 1)).toBe(30_000);
    expect(at(50, 0)).toBe(15_000);
    expect(at(-1, 1)).toBe(1000);
  });
});

/** A pusher-js client whose channel authorization answers asynchronously, as the browser's request does. */
function clientWith(port: number, authorize: (socketId: string, channel: string) => { auth: string }): PusherClient {
  const c = new PusherClient(APP.key, {
    cluster: 'x',
    wsHost: '127.0.0.1',
    wsPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      transport: 'ajax',
      endpoint: '/unused',
      customHandler: ({ socketId, channelName }, cb) => {
        setTimeout(() => {
          try {
            cb(null, authorize(socketId, channelName));
          } catch (e) {
            cb(e as Error, null);
          }
        }, 5);
      },
    },
  });
  onCleanup(() => c.disconnect());
  return c;
}

describe('authErrorStatus', () => {
  it('reads pusher-js\'s own status, or the status a custom authorizer puts in its message, else none', () => {
    expect(authErrorStatus({ status: 403, error: 'x' })).toBe(403);
    expect(authErrorStatus({ error: 'Unable to retrieve auth string from channel-authorization endpoint - received status: 403' })).toBe(403);
    expect(authErrorStatus({ error: 'received status: 503 from /api/pusher/auth' })).toBe(503);
    expect(authErrorStatus({ error: 'Failed to fetch' })).toBeUndefined();
    expect(authErrorStatus(undefined)).toBeUndefined();
  });
});

describe('retryFailedSubscriptions, with pusher-js against the real realtime server', { timeout: 20_000 }, () => {
  afterEach(cleanupAll);

  it('a channel whose authorization failed twice (the app restarting) is subscribed on the third ask and gets events', async () => {
    const { port, api } = await startServer();
    const signer = apiFor(port);
    let asks = 0;
    const c = clientWith(port, (socketId, channel) => {
      asks++;
      if (asks <= 2) throw new Error('auth HTTP 503');
      return signer.authorizeChannel(socketId, channel);
    });
    retryFailedSubscriptions(c, () => 0); // the shortest delays: 0.5 s, then 1 s
    await connected(c);
    const channel = c.subscribe('private-chat-retry');
    await next(channel, 'pusher:subscription_succeeded', 10_000);
    expect(asks).toBe(3);
    const got = next<{ n: number }>(channel, 'message');
    await api.trigger('private-chat-retry', 'message', { n: 1 });
    expect(await got).toEqual({ n: 1 });
  });

  it('a refused channel (403: the access ended) is not asked for again', async () => {
    const { port } = await startServer();
    let asks = 0;
    const c = clientWith(port, () => {
      asks++;
      throw new Error('Unable to retrieve auth string from channel-authorization endpoint - received status: 403');
    });
    retryFailedSubscriptions(c, () => 0);
    await connected(c);
    const channel = c.subscribe('private-chat-refused');
    await next(channel, 'pusher:subscription_error');
    await new Promise((r) => setTimeout(r, 1200)); // past the first retry's 0.5 s
    expect(asks).toBe(1);
  });

  it('a channel the page unsubscribed meanwhile is not asked for again', async () => {
    const { port } = await startServer();
    let asks = 0;
    const c = clientWith(port, () => {
      asks++;
      throw new Error('auth HTTP 503');
    });
    retryFailedSubscriptions(c, () => 0);
    await connected(c);
    const channel = c.subscribe('private-chat-gone');
    await next(channel, 'pusher:subscription_error');
    c.unsubscribe('private-chat-gone');
    await new Promise((r) => setTimeout(r, 1200)); // past the first retry's 0.5 s
    expect(asks).toBe(1);
    expect(c.channel('private-chat-gone')).toBeUndefined();
  });
});
