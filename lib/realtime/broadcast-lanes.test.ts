import { beforeAll, describe, expect, it } from 'vitest';

// A stand-in for the Pusher SDK (the module takes whatever client is on globalThis.pusher):
// each request answers after a random delay, as a busy realtime server would.
const sent: { channel: string; name: string; data: unknown }[][] = [];
const fake = {
  async trigger(channel: string, name: string, data: unknown) {
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    sent.push([{ channel, name, data }]);
  },
  async triggerBatch(events: { channel: string; name: string; data: unknown }[]) {
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    sent.push(events);
  },
};

type Broadcast = import('./server').Broadcast;
let broadcast: typeof import('./server').broadcast;
beforeAll(async () => {
  (globalThis as { pusher?: unknown }).pusher = fake;
  ({ broadcast } = await import('./server'));
});

describe('broadcast', () => {
  it('keeps each channel’s events in order, in requests of at most 10, across many callers', async () => {
    sent.length = 0;
    const channels = ['private-chat-a', 'private-chat-b', 'private-chat-c'];
    const calls: Promise<void>[] = [];
    for (let i = 1; i <= 40; i++) {
      calls.push(broadcast(channels.map((channel) => ({ channel, name: 'message', data: { seq: i } })) as unknown as Broadcast[]));
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1)); // some arrive while requests are in flight
    }
    await Promise.all(calls);
    expect(sent.every((req) => req.length <= 10)).toBe(true);
    expect(sent.length).toBeLessThan(120); // events shared requests
    for (const channel of channels) {
      const seqs = sent.flat().filter((e) => e.channel === channel).map((e) => (e.data as { seq: number }).seq);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    }
  });

  it('resolves a caller only once its own events are sent', async () => {
    sent.length = 0;
    await broadcast([{ channel: 'private-chat-x', name: 'typing', data: 1 }, { channel: 'private-user-y', name: 'workspace', data: 2 }] as unknown as Broadcast[]);
    expect(sent.flat().map((e) => e.data).sort()).toEqual([1, 2]);
  });

  it('flushLanes (the drain before shutdown) waits until every queued event is sent', async () => {
    sent.length = 0;
    const { flushLanes } = await import('./server');
    for (let i = 0; i < 25; i++) void broadcast([{ channel: `private-chat-f${i % 5}`, name: 'message', data: i }] as unknown as Broadcast[]);
    await flushLanes();
    expect(sent.flat().map((e) => e.data as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
