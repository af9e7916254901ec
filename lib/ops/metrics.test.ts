import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, serveMetrics, type MetricSources } from './metrics';

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function sources(over: Partial<MetricSources> = {}): MetricSources & { shedCount: { overloaded: number; draining: number } } {
  const shedCount = { overloaded: 0, draining: 0 };
  return {
    shedCount,
    httpInFlight: () => 7,
    hotInFlight: () => 3,
    shed: () => shedCount,
    draining: () => false,
    broadcast: () => ({ queued: 4, events: 50, requests: 10 }),
    boardDeltas: () => 9,
    store: async () => ({ chatsByState: { QUEUED: 2, ACTIVE: 5 }, offersPending: 1, messagesStored: 1234 }),
    ...over,
  };
}

const line = (text: string, prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

describe('metrics', () => {
  it('carries the product figures, read at scrape time', async () => {
    const src = sources();
    const text = await createMetrics(src).metrics();
    expect(line(text, 'chat_http_requests_in_flight ')).toBe('chat_http_requests_in_flight 7');
    expect(line(text, 'chat_hot_requests_in_flight ')).toBe('chat_hot_requests_in_flight 3');
    expect(line(text, 'chat_broadcast_queue_length ')).toBe('chat_broadcast_queue_length 4');
    expect(line(text, 'chat_broadcast_events_total ')).toBe('chat_broadcast_events_total 50');
    expect(line(text, 'chat_broadcast_requests_total ')).toBe('chat_broadcast_requests_total 10');
    expect(line(text, 'chat_board_deltas_published_total ')).toBe('chat_board_deltas_published_total 9');
    expect(line(text, 'chat_chats{state="ACTIVE"}')).toBe('chat_chats{state="ACTIVE"} 5');
    expect(line(text, 'chat_offers_pending ')).toBe('chat_offers_pending 1');
    expect(line(text, 'chat_messages_stored ')).toBe('chat_messages_stored 1234');
    expect(line(text, 'chat_store_up ')).toBe('chat_store_up 1');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts shed requests by reason, growing between scrapes', async () => {
    const src = sources();
    const reg = createMetrics(src);
    src.shedCount.overloaded = 2;
    await reg.metrics();
    src.shedCount.overloaded = 5;
    src.shedCount.draining = 1;
    const text = await reg.metrics();
    expect(line(text, 'chat_requests_shed_total{reason="overloaded"}')).toBe('chat_requests_shed_total{reason="overloaded"} 5');
    expect(line(text, 'chat_requests_shed_total{reason="draining"}')).toBe('chat_requests_shed_total{reason="draining"} 1');
  });

  it('says the store is down instead of failing the scrape', async () => {
    const text = await createMetrics(sources({ store: () => Promise.reject(new Error('ECONNREFUSED')) })).metrics();
    expect(line(text, 'chat_store_up ')).toBe('chat_store_up 0');
    expect(line(text, 'chat_http_requests_in_flight ')).toBe('chat_http_requests_in_flight 7');
  });

  it('serves /metrics only, and only with the token when one is set', async () => {
    const server = serveMetrics(createMetrics(sources()), { port: 0, host: '127.0.0.1', token: 's3cret' });
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${base}/other`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(404);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer s3cret' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('chat_offers_pending 1');
  });
});
