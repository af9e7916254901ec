// Security round 2 (issue 15) against the real app, database and realtime server: a copied
// session cookie opens nothing after Sign out (defect 5); a malformed X-Socket-Id is refused and
// costs nobody a live event (defect 3).
import WebSocket from 'ws';
import { sql } from './fixtures/db';
import { uniqueName, type ChatSession } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test } from './fixtures/test';
import { realtimeSocket, type FormPost } from './fixtures/realtime-socket';

const BASE = () => e2eState().baseURL;

async function startChat(): Promise<ChatSession> {
  const res = await fetch(new URL('/api/v1/chats', BASE()), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ name: uniqueName('Round2'), question: 'Security round 2', language: 'en' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as ChatSession;
}

/** The contact's realtime view of their chat: a raw socket subscribed to private-chat-<id> with the chat secret. */
async function contactSocket(s: ChatSession) {
  const { realtime, appEnv } = e2eState();
  const ws = new WebSocket(`ws://127.0.0.1:${realtime.port}/app/${appEnv.PUSHER_KEY}?protocol=7&client=e2e&version=1`);
  const frames: { event: string; channel?: string; data?: string }[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString()) as (typeof frames)[number]));
  await expect.poll(() => frames.find((f) => f.event === 'pusher:connection_established')).toBeTruthy();
  const socketId = (JSON.parse(frames[0]!.data!) as { socket_id: string }).socket_id;
  const channel = `private-chat-${s.chatId}`;
  const res = await fetch(new URL('/api/pusher/auth', BASE()), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ socket_id: socketId, channel_name: channel, chat_id: s.chatId, chat_secret: s.secret }).toString(),
  });
  expect(res.status).toBe(200);
  ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel, auth: ((await res.json()) as { auth: string }).auth } }));
  await expect.poll(() => frames.some((f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel)).toBe(true);
  return { frames, socketId, close: () => ws.close() };
}

test('defect 5: a copied session cookie opens nothing after Sign out (pages, actions’ session, fast lane, realtime auth)', async ({ world }) => {
  const four = await world.agent('agent4');
  const copied = (await four.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const [me] = await sql<{ id: string }>('SELECT id FROM "User" WHERE email = $1', ['agent4@example.com']);
  const withCookie = (path: string, init: RequestInit = {}) => fetch(new URL(path, BASE()), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: copied } });
  // A socket signed in with the copied cookie (staff channels need one: defect 1).
  const viaCopied: FormPost = async (path, form) => {
    const res = await withCookie(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const copiedSocket = await realtimeSocket();
  await copiedSocket.signIn(viaCopied);
  const realtimeAuth = async () => ({ status: (await copiedSocket.authorize(viaCopied, `private-user-${me!.id}`)).status });
  // A chat id that does not exist: signed in → 404; signed out → 401 (the fast lane's staff read).
  const fastLane = () => withCookie('/api/interactions/cl0000000000000000000000?after=0');

  expect((await withCookie('/agent')).status).toBe(200);
  expect((await realtimeAuth()).status).toBe(200);
  expect((await fastLane()).status).not.toBe(401);

  await four.page.getByRole('button', { name: 'Sign out' }).click();
  await four.page.waitForURL(/\/login/);

  const page = await withCookie('/agent');
  expect(page.status).toBe(307);
  expect(page.headers.get('location')).toMatch(/\/login/);
  expect((await realtimeAuth()).status).toBe(401);
  // The fast lane re-reads the account at most every 2 s.
  await expect.poll(async () => (await fastLane()).status).toBe(401);
});

test('defect 3: a malformed X-Socket-Id is refused and costs no live event of anyone else', async ({ world }) => {
  const chat = await startChat();
  world.track(chat);
  const socket = await contactSocket(chat);
  const send = (text: string, socketId?: string) =>
    fetch(new URL(`/api/v1/chats/${chat.chatId}/messages`, BASE()), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${chat.secret}`, ...(socketId !== undefined ? { 'x-socket-id': socketId } : {}) },
      body: JSON.stringify({ clientId: `r2-${Math.random().toString(36).slice(2, 12)}`, text }),
    });
  const good = Array.from({ length: 8 }, (_, i) => `good ${i} ${Math.random().toString(36).slice(2, 8)}`);
  const bad = ['bogus', '1.2; x', '1.2.3', '../1.2'].map((id, i) => ({ id, text: `bad ${i} ${Math.random().toString(36).slice(2, 8)}` }));
  // All at once, so on the old code the bad ones shared batch_events requests with the good ones.
  const results = await Promise.all([...good.map((t, i) => send(t, i % 2 ? '999.999' : undefined)), ...bad.map((b) => send(b.text, b.id))]);
  expect(results.slice(0, good.length).map((r) => r.status)).toEqual(good.map(() => 200));
  for (const r of results.slice(good.length)) {
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalidInput');
  }
  // Every good message reaches the contact's socket live; nothing of the refused ones was stored.
  for (const text of good) await expect.poll(() => socket.frames.some((f) => f.event === 'message' && f.data?.includes(text))).toBe(true);
  const stored = await sql<{ text: string }>('SELECT text FROM "Message" WHERE "interactionId" = $1', [chat.chatId]);
  expect(stored.filter((m) => m.text.startsWith('bad '))).toEqual([]);
  socket.close();
});
