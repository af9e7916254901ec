// Security round 2, defect 3: a malformed X-Socket-Id must never cost other people's live events.
// A Pusher-protocol server refuses a whole batch_events request over one bad event (a malformed
// socket_id: "400 Invalid socket_id" in realtime-server/http-api.ts), so the broadcaster drops
// malformed socket ids and retries a refused batch event by event.
import { beforeAll, describe, expect, it } from 'vitest';
import { isSocketId, socketIdFrom } from './socket-id';

type Wire = { channel: string; name: string; data: unknown; socket_id?: string };
const delivered: Wire[] = [];
let requests = 0;
/** Refuses (400, as the Pusher SDK's RequestError carries it) any request holding a bad event. */
function check(events: Wire[]) {
  requests++;
  if (events.some((e) => (e.socket_id !== undefined && !/^\d+\.\d+$/.test(e.socket_id)) || (e.data as { refused?: boolean } | null)?.refused)) {
    throw Object.assign(new Error('Unexpected status code 400'), { status: 400 });
  }
  delivered.push(...events);
}
const fake = {
  async trigger(channel: string, name: string, data: unknown, params?: { socket_id?: string }) {
    check([{ channel, name, data, ...(params?.socket_id ? { socket_id: params.socket_id } : {}) }]);
  },
  async triggerBatch(events: Wire[]) {
    check(events);
  },
};

type Broadcast = import('./server').Broadcast;
let broadcast: typeof import('./server').broadcast;
beforeAll(async () => {
  process.env.LOG_LEVEL ??= 'error';
  (globalThis as { pusher?: unknown }).pusher = fake;
  ({ broadcast } = await import('./server'));
});

describe('X-Socket-Id', () => {
  it('accepts only digits.digits', () => {
    for (const ok of ['1.2', '123456.987654']) expect(isSocketId(ok)).toBe(true);
    for (const bad of ['', 'abc', '1.2;', '1.2.3', ' 1.2', '1.2\n', '-1.2', '1,2', '١.٢', `${'9'.repeat(30)}.1`, undefined, 12]) expect(isSocketId(bad)).toBe(false);
    expect(socketIdFrom(new Request('http://x/', { headers: { 'x-socket-id': '12.34' } }))).toBe('12.34');
    expect(socketIdFrom(new Request('http://x/'))).toBeUndefined();
    expect(() => socketIdFrom(new Request('http://x/', { headers: { 'x-socket-id': 'evil' } }))).toThrow(expect.objectContaining({ code: 'invalidInput', status: 400 }));
  });
});

describe('a broadcast with one bad event', () => {
  it('never forwards a malformed socket id, so the batch it rides in is not refused', async () => {
    delivered.length = 0;
    const items = Array.from({ length: 8 }, (_, i) => ({ channel: 'private-chat-same', name: 'message', data: i, ...(i === 3 ? { socketId: 'not-a-socket' } : i === 5 ? { socketId: '12.34' } : {}) }));
    await broadcast(items as unknown as Broadcast[]);
    expect(delivered.map((e) => e.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(delivered.find((e) => e.data === 3)).not.toHaveProperty('socket_id');
    expect(delivered.find((e) => e.data === 5)).toHaveProperty('socket_id', '12.34');
  });

  it('a refused batch is retried event by event: only the bad event is lost', async () => {
    delivered.length = 0;
    requests = 0;
    // One channel, so one lane and one batch_events request for all seven.
    const items: unknown[] = [0, 1, { refused: true }, 2, 3, 4, 5].map((data) => ({ channel: 'private-chat-lane', name: 'message', data }));
    await broadcast(items as Broadcast[]);
    expect(delivered.map((e) => e.data)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(requests).toBe(1 + 7); // the refused batch, then each event alone
  });
});
