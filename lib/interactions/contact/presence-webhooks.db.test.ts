// Issue 21: presence webhooks from two realtime nodes (a soketi cluster) — the contact connected
// through node A and disconnected through node B — give one correct state whichever batch
// arrives first, and a batch delivered twice changes nothing. Through the real route handler,
// with signed webhooks, against the real database.
import crypto from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let POST: (req: Request) => Promise<Response>;
let presenceChannel: (id: string) => string;
let contactUser: string;
beforeAll(async () => {
  f = await loadFixtures();
  ({ POST } = await import('@/app/api/pusher/webhook/route'));
  const ch = await import('@/lib/realtime/channels');
  presenceChannel = ch.channels.contactPresence;
  contactUser = ch.CONTACT_PRESENCE_USER;
});
beforeEach(async () => {
  await f.reset();
});

/** A webhook batch as a realtime node sends it, signed with the app secret. */
function hook(chatId: string, name: 'member_added' | 'member_removed', timeMs: number) {
  return batch([[chatId, name]], timeMs);
}

function batch(items: [chatId: string, name: 'member_added' | 'member_removed'][], timeMs: number) {
  const body = JSON.stringify({ time_ms: timeMs, events: items.map(([chatId, name]) => ({ name, channel: presenceChannel(chatId), user_id: contactUser })) });
  const signature = crypto.createHmac('sha256', 'test-secret').update(body).digest('hex');
  return () =>
    POST(new Request('http://app/api/pusher/webhook', { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-pusher-key': 'test-key', 'x-pusher-signature': signature } }));
}

async function connected(chatId: string) {
  return (await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { contactConnected: true } })).contactConnected;
}

describe('presence webhooks from two realtime nodes', () => {
  const t = Date.now();

  it('connected via A then disconnected via B, arriving in order: disconnected', async () => {
    const chat = await f.contactChat.startChat({ name: 'Ana', question: 'hi', language: 'en' });
    expect((await hook(chat.chatId, 'member_added', t + 100)()).status).toBe(200);
    expect((await hook(chat.chatId, 'member_removed', t + 200)()).status).toBe(200);
    expect(await connected(chat.chatId)).toBe(false);
  });

  it('the same two batches arriving the other way round: still disconnected (no flap back)', async () => {
    const chat = await f.contactChat.startChat({ name: 'Ben', question: 'hi', language: 'en' });
    await hook(chat.chatId, 'member_removed', t + 200)();
    expect(await connected(chat.chatId)).toBe(false);
    await hook(chat.chatId, 'member_added', t + 100)();
    expect(await connected(chat.chatId)).toBe(false);
  });

  it('a reconnect after the disconnect wins, in either order', async () => {
    const a = await f.contactChat.startChat({ name: 'Cy', question: 'hi', language: 'en' });
    const b = await f.contactChat.startChat({ name: 'Di', question: 'hi', language: 'en' });
    const batches = (id: string) => [hook(id, 'member_added', t + 100), hook(id, 'member_removed', t + 200), hook(id, 'member_added', t + 300)];
    for (const h of batches(a.chatId)) await h();
    for (const h of batches(b.chatId).reverse()) await h();
    expect(await connected(a.chatId)).toBe(true);
    expect(await connected(b.chatId)).toBe(true);
  });

  it('announces each real change once: a duplicate or older batch is not a change', async () => {
    const chat = await f.contactChat.startChat({ name: 'Eve', question: 'hi', language: 'en' });
    const set = f.agentChat.setContactConnected;
    expect(await set(chat.chatId, false, new Date(t + 200))).toBe(true); // disconnected via B
    expect(await set(chat.chatId, false, new Date(t + 200))).toBe(false); // the same batch again (both nodes)
    expect(await set(chat.chatId, true, new Date(t + 100))).toBe(false); // connected via A, late
    expect(await set(chat.chatId, true, new Date(t + 300))).toBe(true); // a real reconnect
    expect(await connected(chat.chatId)).toBe(true);
  });

  it('one batch with a leave and a rejoin of one chat, and joins of many: each chat ends at its last event', async () => {
    const a = await f.contactChat.startChat({ name: 'Gus', question: 'hi', language: 'en' });
    const b = await f.contactChat.startChat({ name: 'Hal', question: 'hi', language: 'en' });
    const c = await f.contactChat.startChat({ name: 'Ida', question: 'hi', language: 'en' });
    const res = await batch(
      [
        [a.chatId, 'member_removed'],
        [b.chatId, 'member_removed'],
        [c.chatId, 'member_removed'],
        [b.chatId, 'member_added'],
      ],
      t + 600,
    )();
    expect(res.status).toBe(200);
    expect([await connected(a.chatId), await connected(b.chatId), await connected(c.chatId)]).toEqual([false, true, false]);
    // Joined then left within one batch (one time for both): left, not the first event.
    await batch([[a.chatId, 'member_added'], [a.chatId, 'member_removed']], t + 700)();
    expect(await connected(a.chatId)).toBe(false);
  });

  it('a badly signed batch changes nothing', async () => {
    const chat = await f.contactChat.startChat({ name: 'Fay', question: 'hi', language: 'en' });
    const body = JSON.stringify({ time_ms: t + 500, events: [{ name: 'member_removed', channel: presenceChannel(chat.chatId), user_id: contactUser }] });
    const res = await POST(new Request('http://app/api/pusher/webhook', { method: 'POST', body, headers: { 'x-pusher-key': 'test-key', 'x-pusher-signature': 'bad' } }));
    expect(res.status).toBe(401);
    expect(await connected(chat.chatId)).toBe(true);
  });
});
