/* Webhooks as a receiver sees them, verified with the `pusher` package's own WebHook helper. */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll, client, connected, onCleanup, sleep, startServer, subscribed, until } from './test-helpers';

afterEach(cleanupAll);

interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** Collects webhook POSTs; `statuses` are answered in turn, then 200. */
async function receiver(statuses: number[] = []) {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    let rawBody = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (rawBody += c));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      requests.push({ status, headers: req.headers, rawBody });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  }));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/pusher/webhooks`, requests };
}

async function withWebhooks(statuses: number[] = [], extra = {}) {
  const rx = await receiver(statuses);
  const ts = await startServer({ webhookUrl: rx.url, webhookBatchMs: 20, memberRemovedDelayMs: 300, ...extra });
  /** Every event from accepted (2xx) deliveries, each request checked with the SDK's isValid(). */
  const events = () => rx.requests.filter((r) => r.status < 300).flatMap((r) => {
    const hook = ts.api.webhook({ headers: r.headers as Record<string, string>, rawBody: r.rawBody });
    expect(hook.isValid()).toBe(true);
    return hook.getEvents() as unknown as Array<Record<string, string>>;
  });
  const waitFor = async (pred: (e: Record<string, string>) => boolean, what: string) => {
    await until(() => events().some(pred), 5000, what);
    return events().find(pred)!;
  };
  return { ...ts, rx, events, waitFor };
}

describe('webhooks', () => {
  it('reports occupied, members, client events, then removals and vacated after the delay', async () => {
    const { port, rx, api, events, waitFor } = await withWebhooks();
    const a = client(port, { user: { user_id: 'alice' } });
    const b = client(port, { user: { user_id: 'bob' } });
    await subscribed(a, 'presence-room');
    await waitFor((e) => e.name === 'member_added' && e.user_id === 'alice', 'alice added');
    const { channel: cb } = await subscribed(b, 'presence-room');
    cb.trigger('client-typing', { on: true });
    const ce = await waitFor((e) => e.name === 'client_event', 'client_event');
    expect(ce).toEqual({
      name: 'client_event', channel: 'presence-room', event: 'client-typing',
      data: JSON.stringify({ on: true }), socket_id: b.connection.socket_id, user_id: 'bob',
    });

    const leftAt = Date.now();
    b.disconnect();
    await waitFor((e) => e.name === 'member_removed' && e.user_id === 'bob', 'bob removed');
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(250);
    a.disconnect();
    await waitFor((e) => e.name === 'channel_vacated', 'vacated');

    expect(events().map((e) => [e.name, e.user_id ?? ''])).toEqual([
      ['channel_occupied', ''], ['member_added', 'alice'], ['member_added', 'bob'],
      ['client_event', 'bob'], ['member_removed', 'bob'], ['member_removed', 'alice'], ['channel_vacated', ''],
    ]);
    const first = rx.requests[0];
    expect(first.headers['x-pusher-key']).toBe('test-key');
    expect(JSON.parse(first.rawBody).time_ms).toBeGreaterThan(Date.now() - 60_000);
    const tampered = api.webhook({ headers: first.headers as Record<string, string>, rawBody: first.rawBody.replace('room', 'r00m') });
    expect(tampered.isValid()).toBe(false);
  });

  it('does not flap on a quick unsubscribe/resubscribe or page reload within the delay', async () => {
    const { port, events, waitFor } = await withWebhooks();
    const a = client(port, { user: { user_id: 'alice' } });
    await subscribed(a, 'presence-desk');
    await waitFor((e) => e.name === 'member_added', 'first member_added');

    a.unsubscribe('presence-desk');
    await subscribed(a, 'presence-desk');
    a.disconnect(); // page reload: the same user comes back on a new socket
    const reloaded = client(port, { user: { user_id: 'alice' } });
    await subscribed(reloaded, 'presence-desk');

    // Nothing can be observed for a cancelled event, so wait out the delay, then flush with a marker.
    await sleep(400);
    const marker = client(port);
    const { channel } = await subscribed(marker, 'private-marker');
    channel.trigger('client-marker', {});
    await waitFor((e) => e.name === 'client_event', 'marker');
    const desk = events().filter((e) => e.channel === 'presence-desk').map((e) => e.name);
    expect(desk).toEqual(['channel_occupied', 'member_added']);
  });

  it('retries a delivery the receiver refused with a 500', async () => {
    const { port, rx, waitFor } = await withWebhooks([500], { webhookRetryBaseMs: 100 });
    const c = client(port);
    await connected(c);
    await subscribed(c, 'retry-me');
    await waitFor((e) => e.name === 'channel_occupied', 'redelivery');
    expect(rx.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(JSON.parse(rx.requests[1].rawBody).events).toEqual(JSON.parse(rx.requests[0].rawBody).events);
  });
});
