// Issue 7 (privacy and abuse hardening) against the real app, database and realtime server:
// a contact sees only what they typed and never a staff user id; an unverified record match is
// flagged for the agent; realtime authorization and webhook bodies are capped; sign-in throttling
// cannot be turned against the account's owner; the start budget follows the proxy's last hop;
// staff who finish a chat lose its channel; an oversize request always gets its 431.
import Pusher from 'pusher';
import WebSocket from 'ws';
import { sql } from './fixtures/db';
import { ACCOUNTS, uniqueName, type ChatSession } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test } from './fixtures/test';

const BASE = () => e2eState().baseURL;
const unique = () => Math.random().toString(36).slice(2, 9);
const address = () => `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const usedAddresses: string[] = [];
const newAddress = () => {
  const a = address();
  usedAddresses.push(a);
  return a;
};

test.afterAll(async () => {
  // Only the counters this file made.
  await sql(`DELETE FROM "RateLimit" WHERE key LIKE ANY($1)`, [usedAddresses.map((a) => `%${a}%`)]);
});

async function startChat(body: Record<string, unknown>, xff = newAddress()): Promise<{ status: number; json: ChatSession & { error?: { code: string } } }> {
  const res = await fetch(new URL('/api/v1/chats', BASE()), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
    body: JSON.stringify({ question: 'hardening', language: 'en', ...body }),
  });
  return { status: res.status, json: (await res.json()) as ChatSession & { error?: { code: string } } };
}

async function contactState(chat: ChatSession) {
  const res = await fetch(new URL(`/api/v1/chats/${chat.chatId}`, BASE()), { headers: { authorization: `Bearer ${chat.secret}` } });
  expect(res.status).toBe(200);
  return { text: await res.clone().text(), body: (await res.json()) as { contactName: string; messages: Record<string, unknown>[] } };
}

async function userIdOf(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return row!.id;
}

function realtimeApi(): Pusher {
  const s = e2eState();
  return new Pusher({ appId: s.appEnv.PUSHER_APP_ID!, key: s.appEnv.PUSHER_KEY!, secret: s.appEnv.PUSHER_SECRET!, host: '127.0.0.1', port: String(s.realtime.port), useTLS: false });
}

type Frame = { event: string; channel?: string; data?: unknown; raw: string };
interface RawSocket {
  ws: WebSocket;
  socketId: string;
  frames: Frame[];
  next(pred: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  send(event: string, data: unknown): void;
}

/** A bare Pusher-protocol socket: what any script holding the public key can open. */
async function rawSocket(): Promise<RawSocket> {
  const s = e2eState();
  const ws = new WebSocket(`ws://127.0.0.1:${s.realtime.port}/app/${s.appEnv.PUSHER_KEY}?protocol=7&client=hardening-test&version=1`);
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (buf) => {
    const raw = buf.toString();
    const f = JSON.parse(raw) as Frame;
    f.raw = raw;
    if (typeof f.data === 'string') {
      try {
        f.data = JSON.parse(f.data);
      } catch {
        /* keep */
      }
    }
    frames.push(f);
    for (const w of [...waiters]) if (w.pred(f)) waiters.splice(waiters.indexOf(w), 1), w.resolve(f);
  });
  const sock: RawSocket = {
    ws,
    socketId: '',
    frames,
    next(pred, ms = 10_000) {
      const seen = frames.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching frame in ${ms} ms; got ${frames.map((x) => x.raw).join('\n')}`)), ms);
        waiters.push({ pred, resolve: (f) => (clearTimeout(t), resolve(f)) });
      });
    },
    send(event, data) {
      ws.send(JSON.stringify({ event, data }));
    },
  };
  const established = await sock.next((f) => f.event === 'pusher:connection_established');
  sock.socketId = (established.data as { socket_id: string }).socket_id;
  return sock;
}

test("a contact starting with someone else's email sees only the name they typed; the agent sees an unverified match", async ({ world }) => {
  const email = `owner-${unique()}@example.org`;
  const owner = uniqueName('Record Owner');
  const claimant = uniqueName('Claimant');
  const first = await startChat({ name: owner, email });
  expect(first.status).toBe(201);
  world.track(first.json);
  // The owner's chat ends before anyone is Ready: only the claimant's is routed.
  const ended = await fetch(new URL(`/api/v1/chats/${first.json.chatId}/end`, BASE()), { method: 'POST', headers: { authorization: `Bearer ${first.json.secret}` } });
  expect(ended.status).toBe(200);
  const second = await startChat({ name: claimant, email });
  expect(second.status).toBe(201);
  world.track(second.json);

  const state = await contactState(second.json);
  expect(state.body.contactName).toBe(claimant);
  expect(state.text).not.toContain(owner);

  const agent = await world.agent('agent3');
  await agent.setState('Ready');
  await agent.accept(claimant);
  const header = agent.page.getByRole('heading', { name: claimant });
  await expect(header).toBeVisible();
  await expect(agent.page.getByText('Unverified match', { exact: true })).toBeVisible();
  await expect(agent.page.getByText(`Linked to the contact record “${owner}”`)).toBeVisible();
  // The same in Canadian French.
  await agent.context.addCookies([{ name: 'NEXT_LOCALE', value: 'fr-CA', url: BASE() }]);
  await agent.page.reload();
  await expect(agent.page.getByText('Correspondance non vérifiée', { exact: true })).toBeVisible();
  await expect(agent.page.getByText(`Lié à la fiche client « ${owner} »`)).toBeVisible();
  // Sent, then read back by the contact: still only the typed name.
  const fromContact = await fetch(new URL(`/api/v1/chats/${second.json.chatId}/messages`, BASE()), {
    method: 'POST',
    headers: { authorization: `Bearer ${second.json.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: `c-${unique()}x`, text: 'who am I?' }),
  });
  expect(fromContact.status).toBe(200);
  expect(((await fromContact.json()) as { message: { senderName: string } }).message.senderName).toBe(claimant);
  expect((await contactState(second.json)).text).not.toContain(owner);
});

test('simultaneous starts with the same new email all succeed (no 500) on one contact record', async ({ world }) => {
  const email = `race-${unique()}@example.org`;
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => startChat({ name: `Racer ${i} ${unique()}`, email })));
  for (const r of results) if (r.status === 201) world.track(r.json);
  expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
  const rows = await sql<{ n: number }>(`SELECT count(DISTINCT "contactId")::int AS n FROM "Interaction" WHERE id = ANY($1)`, [results.map((r) => r.json.chatId)]);
  expect(rows[0]!.n).toBe(1);
});

test("no staff user id on the contact's channel or API: nicknames only; the agent still knows its own messages", async ({ world, request }) => {
  const name = uniqueName('Listener');
  const started = await startChat({ name });
  world.track(started.json);
  const chat = started.json;
  const agentId = await userIdOf(ACCOUNTS.agent1.email);

  // The contact's own socket on its chat channel, authorized with the chat secret.
  const sock = await rawSocket();
  const channel = `private-chat-${chat.chatId}`;
  const auth = await request.post('/api/pusher/auth', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: new URLSearchParams({ socket_id: sock.socketId, channel_name: channel, chat_id: chat.chatId, chat_secret: chat.secret }).toString(),
  });
  expect(auth.status()).toBe(200);
  sock.send('pusher:subscribe', { channel, auth: ((await auth.json()) as { auth: string }).auth });
  await sock.next((f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel);

  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  // The chat's view is loaded (its transcript shows the join) before typing into it.
  await expect(alex.page.getByRole('log', { name: 'Transcript' })).toContainText('Alex joined the chat');
  await alex.messageBox.click();
  await alex.messageBox.pressSequentially('Hello from Alex', { delay: 20 });
  await alex.button('Send').click();
  // "Sent" shows only on the viewer's own messages: the agent still knows which are theirs.
  await expect(alex.item('Hello from Alex')).toContainText('Sent');

  const message = await sock.next((f) => f.event === 'message' && (f.data as { text?: string }).text === 'Hello from Alex');
  expect(message.data).toMatchObject({ senderType: 'AGENT', senderName: 'Alex' });
  expect(message.data).not.toHaveProperty('senderUserId');
  const typing = await sock.next((f) => f.event === 'typing' && (f.data as { who?: string }).who === 'agent');
  expect(typing.data).toMatchObject({ name: 'Alex' });
  expect(typing.data).not.toHaveProperty('userId');
  for (const f of sock.frames) expect(f.raw).not.toContain(agentId);

  const state = await contactState(chat);
  expect(state.body.messages.some((m) => m.senderName === 'Alex')).toBe(true);
  for (const m of state.body.messages) expect(m).not.toHaveProperty('senderUserId');
  expect(state.text).not.toContain(agentId);

  // After a reload (transcript from the staff API), still the agent's own.
  await alex.page.reload();
  await expect(alex.item('Hello from Alex')).toContainText('Sent');
  sock.ws.close();
});

test('realtime authorization and webhook bodies are capped before anything reads them', async ({ world }) => {
  const huge = 'x'.repeat(1_000_000);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const tooLarge = async (res: Response) => {
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('request body too large');
  };
  const url = (p: string) => new URL(p, BASE());
  // Declared over the cap: refused from the header.
  await tooLarge(await fetch(url('/api/pusher/auth'), { method: 'POST', headers: form, body: `socket_id=1.1&channel_name=private-chat-x&pad=${huge}` }));
  // Not declared (chunked): refused once the cap is passed while reading.
  const chunked = (size: number) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('socket_id=1.1&pad='));
        c.enqueue(new TextEncoder().encode('y'.repeat(size)));
        c.close();
      },
    });
  await tooLarge(await fetch(url('/api/pusher/auth'), { method: 'POST', headers: form, body: chunked(8 * 1024), duplex: 'half' } as RequestInit));

  // The user sign-in endpoint, for a signed-in agent.
  const agent = await world.agent('agent2');
  const userAuth = await agent.context.request.post('/api/pusher/user-auth', { headers: form, data: `socket_id=1.1&pad=${huge}` });
  expect(userAuth.status()).toBe(400);
  expect(((await userAuth.json()) as { error: { message: string } }).error.message).toBe('request body too large');

  // Webhooks: a sender that does not name our key is refused before the body is read; ours is capped.
  const key = e2eState().appEnv.PUSHER_KEY!;
  const noKey = await fetch(url('/api/pusher/webhook'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
  expect(noKey.status).toBe(401);
  await tooLarge(await fetch(url('/api/pusher/webhook'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-pusher-key': key }, body: huge }));
});

test("sign-in backs off per (email, address) after repeated failures, and the account's owner still signs in from elsewhere", async ({ browser }) => {
  test.setTimeout(90_000);
  const attacker = newAddress();
  const owner = newAddress();
  const ctx = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': attacker } });
  const page = await ctx.newPage();
  const attempt = async (password: string) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(ACCOUNTS.agent4.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page.getByRole('alert').filter({ hasText: /\S/ });
  };
  for (let i = 0; i < 5; i++) await expect(await attempt(`wrong-${i}`)).toHaveText('Email or password is incorrect.');
  await expect(await attempt('wrong-again')).toHaveText(/Too many unsuccessful sign-ins/);
  // Even the right password waits out the back-off from this address…
  await expect(await attempt(ACCOUNTS.agent4.password)).toHaveText(/Too many unsuccessful sign-ins/);
  await ctx.close();

  // …while the owner, elsewhere, signs in at once: a stranger cannot lock them out.
  const mine = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': owner } });
  const p2 = await mine.newPage();
  await p2.goto('/login');
  await p2.getByLabel('Email').fill(ACCOUNTS.agent4.email);
  await p2.getByLabel('Password').fill(ACCOUNTS.agent4.password);
  await p2.getByRole('button', { name: 'Sign in' }).click();
  await p2.waitForURL(/\/agent$/);
  await mine.close();
});

test("chat starts count against the address the proxy appended, not the client's own X-Forwarded-For entries", async ({ world }) => {
  test.setTimeout(90_000);
  const limit = Number(e2eState().appEnv.RATE_LIMIT_START_PER_MINUTE) || 20;
  test.skip(limit > 200, 'start limit too high to burst here');
  const source = newAddress();
  const marker = uniqueName('Forger');
  const results: number[] = [];
  for (let i = 0; i < limit + 5; i++) {
    // A client writes whatever it likes first; the proxy (TRUST_PROXY=true here) appends what it saw.
    const r = await startChat({ name: `${marker} ${i}` }, `203.0.113.${i % 250}, ${source}`);
    if (r.status === 201) world.track(r.json);
    results.push(r.status);
  }
  expect(results.filter((s) => s !== 201 && s !== 429)).toEqual([]);
  expect(results.filter((s) => s === 201).length).toBeLessThanOrEqual(limit);
  expect(results.slice(-5)).toEqual(Array(5).fill(429));
});

test('staff who finish a chat lose its channel: their connections are cut, and the page reconnects with only what it may still see', async ({ world, request }) => {
  const name = uniqueName('Leaver');
  const started = await startChat({ name });
  world.track(started.json);
  const chat = started.json;
  const channel = `private-chat-${chat.chatId}`;

  const sam = await world.agent('agent2');
  await sam.setState('Ready');
  await sam.accept(name);
  await sam.setState('Not Ready – Break');

  // A second socket of this agent (another tab, a script) signed in and holding the chat channel.
  const sock = await rawSocket();
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const signin = await sam.context.request.post('/api/pusher/user-auth', { headers: form, data: `socket_id=${sock.socketId}` });
  expect(signin.status()).toBe(200);
  sock.send('pusher:signin', await signin.json());
  await sock.next((f) => f.event === 'pusher:signin_success');
  const auth = await sam.context.request.post('/api/pusher/auth', { headers: form, data: new URLSearchParams({ socket_id: sock.socketId, channel_name: channel }).toString() });
  expect(auth.status()).toBe(200);
  sock.send('pusher:subscribe', { channel, auth: ((await auth.json()) as { auth: string }).auth });
  await sock.next((f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel);
  const api = realtimeApi();
  await api.trigger(channel, 'probe', { n: 1 });
  await sock.next((f) => f.event === 'probe');

  // End, then Mark Done: the agent has left the chat.
  await sam.button('End chat').click();
  await sam.button('Mark Done').click();
  await expect(sam.tab(name)).toBeHidden();

  await sock.next((f) => f.event === 'pusher:error' && (f.data as { code?: number }).code === 4009);
  await expect.poll(() => sock.ws.readyState).toBe(WebSocket.CLOSED);
  const info = (await (await api.get({ path: `/channels/${channel}`, params: { info: 'subscription_count' } })).json()) as { subscription_count: number };
  expect(info.subscription_count).toBe(0);
  // And the channel cannot be authorized again by them.
  const again = await sam.context.request.post('/api/pusher/auth', { headers: form, data: new URLSearchParams({ socket_id: '123.456', channel_name: channel }).toString() });
  expect(again.status()).toBeGreaterThanOrEqual(400);

  // The agent's page reconnected by itself: a new offer still reaches it live.
  const next = uniqueName('Next');
  const other = await startChat({ name: next });
  world.track(other.json);
  await sam.setState('Ready');
  await expect(sam.invitation(next)).toBeVisible({ timeout: 20_000 });
  void request;
});

test('an oversize request line always gets 431 with a JSON error, never a dropped connection', async () => {
  for (let i = 0; i < 5; i++) {
    const res = await fetch(new URL(`/api/interactions/${'m'.repeat(1_000_000)}`, BASE()));
    expect(res.status).toBe(431);
    expect(await res.json()).toEqual({ error: { code: 'invalidInput', message: 'request line or headers too large' } });
  }
});
