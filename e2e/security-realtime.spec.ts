// Issue 4 §4: the realtime server's HTTP API (what the app uses to broadcast) refuses anything not
// signed with the app's secret, and its WebSocket side refuses channels one may not join.
// The good cases (the official `pusher` SDK, a correctly hand-signed request, a signature the app
// issued for this very socket) are controls: they show each refusal is for the stated reason.
import crypto from 'node:crypto';
import Pusher from 'pusher';
import WebSocket from 'ws';
import { uniqueName, type ChatSession } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test } from './fixtures/test';

function realtime() {
  const s = e2eState();
  return { port: s.realtime.port, appId: s.appEnv.PUSHER_APP_ID!, key: s.appEnv.PUSHER_KEY!, secret: s.appEnv.PUSHER_SECRET!, base: `http://127.0.0.1:${s.realtime.port}` };
}

const md5 = (s: string) => crypto.createHash('md5').update(s).digest('hex');
const hmac = (secret: string, s: string) => crypto.createHmac('sha256', secret).update(s).digest('hex');

/** A Pusher HTTP API request signed by hand (https://pusher.com/docs/channels/library_auth_reference/rest-api/#authentication). */
function signedUrl(opts: { method: string; path: string; body?: string; key: string; secret: string; timestamp?: number; version?: string; params?: Record<string, string> }) {
  const params: Record<string, string> = {
    auth_key: opts.key,
    auth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: opts.version ?? '1.0',
    ...(opts.body ? { body_md5: md5(opts.body) } : {}),
    ...opts.params,
  };
  const query = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return { path: opts.path, query, signature: hmac(opts.secret, `${opts.method}\n${opts.path}\n${query}`) };
}

interface Socket {
  ws: WebSocket;
  socketId: string;
  frames: { event: string; channel?: string; data?: unknown }[];
  next(pred: (f: Socket['frames'][number]) => boolean, ms?: number): Promise<Socket['frames'][number]>;
  send(event: string, data: unknown): void;
}

function connect(key: string): Promise<Socket> {
  const { port } = realtime();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/app/${key}?protocol=7&client=security-test&version=1`);
  const frames: Socket['frames'] = [];
  const waiters: { pred: (f: Socket['frames'][number]) => boolean; resolve: (f: Socket['frames'][number]) => void }[] = [];
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString()) as Socket['frames'][number];
    if (typeof f.data === 'string') {
      try {
        f.data = JSON.parse(f.data);
      } catch {
        /* keep the string */
      }
    }
    frames.push(f);
    for (const w of [...waiters]) {
      if (!w.pred(f)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    }
  });
  const socket: Socket = {
    ws,
    socketId: '',
    frames,
    next(pred, ms = 5000) {
      const seen = frames.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching frame in ${ms} ms; got ${JSON.stringify(frames)}`)), ms);
        waiters.push({ pred, resolve: (f) => (clearTimeout(t), resolve(f)) });
      });
    },
    send(event, data) {
      ws.send(JSON.stringify({ event, data }));
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    socket
      .next((f) => f.event === 'pusher:connection_established' || f.event === 'pusher:error')
      .then((f) => {
        socket.socketId = (f.data as { socket_id?: string })?.socket_id ?? '';
        resolve(socket);
      }, reject);
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the realtime HTTP API refuses bad signatures, stale timestamps, wrong keys and unknown apps; nothing refused is delivered', async () => {
  const rt = realtime();
  // A private channel (the built-in server serves no public ones by default), signed by hand.
  const channel = `private-security-probe-${crypto.randomBytes(4).toString('hex')}`;
  const listener = await connect(rt.key);
  listener.send('pusher:subscribe', { channel, auth: `${rt.key}:${hmac(rt.secret, `${listener.socketId}:${channel}`)}` });
  await listener.next((f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel);
  const delivered = () => listener.frames.filter((f) => f.channel === channel && f.event === 'probe').map((f) => (f.data as { n: string }).n);

  // Controls: the official SDK and a hand-signed request, both delivered.
  const sdk = new Pusher({ appId: rt.appId, key: rt.key, secret: rt.secret, host: '127.0.0.1', port: String(rt.port), useTLS: false });
  const sdkRes = await sdk.trigger(channel, 'probe', { n: 'sdk' });
  expect(sdkRes.status).toBe(200);
  const path = `/apps/${rt.appId}/events`;
  const bodyOf = (n: string) => JSON.stringify({ name: 'probe', channels: [channel], data: JSON.stringify({ n }) });
  const send = (u: { path: string; query: string; signature?: string }, body: string, method = 'POST') =>
    fetch(`${rt.base}${u.path}?${u.query}${u.signature === undefined ? '' : `&auth_signature=${u.signature}`}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : body,
    });
  const good = bodyOf('hand-signed');
  expect((await send(signedUrl({ method: 'POST', path, body: good, key: rt.key, secret: rt.secret }), good)).status).toBe(200);
  await expect.poll(delivered).toEqual(['sdk', 'hand-signed']);

  const now = Math.floor(Date.now() / 1000);
  const otherKey = crypto.randomBytes(10).toString('hex');
  const otherSecret = crypto.randomBytes(20).toString('hex');
  const cases: { name: string; status: number; request: () => Promise<Response> }[] = [];
  const refuse = (name: string, status: number, request: (body: string) => Promise<Response>) => cases.push({ name, status, request: () => request(bodyOf(name)) });

  refuse('signed with another secret', 401, (b) => send(signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: otherSecret }), b));
  refuse('signature altered', 401, (b) => {
    const u = signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret });
    return send({ ...u, signature: u.signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, b);
  });
  refuse('no signature', 401, (b) => send({ ...signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret }), signature: undefined }, b));
  refuse('empty signature', 401, (b) => send({ ...signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret }), signature: '' }, b));
  refuse('timestamp 11 minutes old', 401, (b) => send(signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret, timestamp: now - 660 }), b));
  refuse('timestamp a day old', 401, (b) => send(signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret, timestamp: now - 86_400 }), b));
  refuse('timestamp 11 minutes ahead', 401, (b) => send(signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret, timestamp: now + 660 }), b));
  refuse('timestamp not a number', 401, (b) => {
    const u = signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret, params: {} });
    const q = u.query.replace(/auth_timestamp=\d+/, 'auth_timestamp=soon');
    return send({ path, query: q, signature: hmac(rt.secret, `POST\n${path}\n${q}`) }, b);
  });
  refuse('wrong app key (right secret)', 401, (b) => send(signedUrl({ method: 'POST', path, body: b, key: otherKey, secret: rt.secret }), b));
  refuse('wrong app key and secret', 401, (b) => send(signedUrl({ method: 'POST', path, body: b, key: otherKey, secret: otherSecret }), b));
  refuse('wrong auth_version', 401, (b) => send(signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret, version: '2.0' }), b));
  refuse('body changed after signing', 401, (b) => send(signedUrl({ method: 'POST', path, body: bodyOf('original'), key: rt.key, secret: rt.secret }), b));
  refuse('body_md5 left out', 401, (b) => {
    const u = signedUrl({ method: 'POST', path, key: rt.key, secret: rt.secret });
    return send(u, b);
  });
  refuse('query parameter added after signing', 401, (b) => {
    const u = signedUrl({ method: 'POST', path, body: b, key: rt.key, secret: rt.secret });
    return send({ ...u, query: `${u.query}&info=subscription_count` }, b);
  });
  refuse('signed for another path', 401, (b) => send({ ...signedUrl({ method: 'POST', path: `/apps/${rt.appId}/batch_events`, body: b, key: rt.key, secret: rt.secret }), path }, b));
  refuse('signed for GET, sent as POST', 401, (b) => send(signedUrl({ method: 'GET', path, body: b, key: rt.key, secret: rt.secret }), b));
  refuse('unknown app id', 404, (b) => {
    const p = `/apps/${Number(rt.appId) + 1}/events`;
    return send(signedUrl({ method: 'POST', path: p, body: b, key: rt.key, secret: rt.secret }), b);
  });
  refuse('app id path traversal', 404, (b) => send(signedUrl({ method: 'POST', path: `/apps/..%2F${rt.appId}/events`, body: b, key: rt.key, secret: rt.secret }), b));

  for (const c of cases) {
    const res = await c.request();
    expect(res.status, `${c.name}: ${await res.clone().text()}`).toBe(c.status);
  }
  // Reading channel lists needs a signature too (which channels are occupied is not public).
  const list = signedUrl({ method: 'GET', path: `/apps/${rt.appId}/channels`, key: rt.key, secret: otherSecret });
  expect((await send(list, '', 'GET')).status).toBe(401);
  const listOk = signedUrl({ method: 'GET', path: `/apps/${rt.appId}/channels`, key: rt.key, secret: rt.secret });
  const listed = await send(listOk, '', 'GET');
  expect(listed.status).toBe(200);
  expect(Object.keys(((await listed.json()) as { channels: object }).channels)).toContain(channel);

  // Nothing refused reached the subscriber.
  await pause(500);
  expect(delivered()).toEqual(['sdk', 'hand-signed']);
  expect(cases.length).toBeGreaterThanOrEqual(15);
  listener.ws.close();
});

test('the realtime WebSocket refuses a wrong app key and any channel signature not issued for this socket and channel', async ({ world, request }) => {
  const rt = realtime();
  // A wrong app key: refused at connection.
  const wrong = await connect(crypto.randomBytes(10).toString('hex'));
  const err = await wrong.next((f) => f.event === 'pusher:error');
  expect((err.data as { code: number }).code).toBe(4001);
  await expect.poll(() => wrong.ws.readyState).toBe(WebSocket.CLOSED);

  // A contact with a chat; the app signs channels for the socket it names.
  const started = await request.post('/api/v1/chats', { data: { name: uniqueName('Socket'), question: 'realtime auth', language: 'fr' } });
  expect(started.status()).toBe(201);
  const chat = (await started.json()) as ChatSession;
  world.track(chat);
  const channel = `private-chat-${chat.chatId}`;
  const presence = `presence-contact-${chat.chatId}`;
  const authFor = async (socketId: string, channelName: string) => {
    const res = await request.post('/api/pusher/auth', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: new URLSearchParams({ socket_id: socketId, channel_name: channelName, chat_id: chat.chatId, chat_secret: chat.secret }).toString(),
    });
    expect(res.status()).toBe(200);
    return (await res.json()) as { auth: string; channel_data?: string };
  };

  const a = await connect(rt.key);
  const b = await connect(rt.key);
  const aChat = await authFor(a.socketId, channel);
  const aPresence = await authFor(a.socketId, presence);
  const refusedOn = (s: Socket, ch: string) => s.next((f) => f.event === 'pusher:subscription_error' && f.channel === ch);
  const joined = (s: Socket, ch: string) => s.next((f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === ch);

  // No signature, a garbage one, one signed with another secret.
  b.send('pusher:subscribe', { channel });
  await refusedOn(b, channel);
  for (const auth of [`${rt.key}:${'0'.repeat(64)}`, `${rt.key}:${hmac('not-the-secret', `${b.socketId}:${channel}`)}`, 'garbage', '']) {
    b.frames.length = 0;
    b.send('pusher:subscribe', { channel, auth });
    await refusedOn(b, channel);
  }
  // A signature issued for another socket.
  b.frames.length = 0;
  b.send('pusher:subscribe', { channel, auth: aChat.auth });
  await refusedOn(b, channel);
  // A signature issued for another channel (the chat channel's, used on its internal channel).
  a.send('pusher:subscribe', { channel: `private-internal-${chat.chatId}`, auth: aChat.auth });
  await refusedOn(a, `private-internal-${chat.chatId}`);
  // Presence: the signed member data cannot be swapped for another identity.
  a.send('pusher:subscribe', { channel: presence, auth: aPresence.auth, channel_data: JSON.stringify({ user_id: 'agent-impostor' }) });
  await refusedOn(a, presence);
  // A server-to-user channel without signing in as that user.
  b.send('pusher:subscribe', { channel: '#server-to-user-someone' });
  await b.next((f) => (f.event === 'pusher:subscription_error' || f.event === 'pusher:error') && JSON.stringify(f).includes('server-to-user'));

  // Controls: the signatures issued for socket a work on socket a.
  a.send('pusher:subscribe', { channel, auth: aChat.auth });
  await joined(a, channel);
  a.send('pusher:subscribe', { channel: presence, auth: aPresence.auth, channel_data: aPresence.channel_data });
  await joined(a, presence);
  // …and b, refused, receives nothing on the chat channel.
  await pause(200);
  expect(b.frames.some((f) => f.channel === channel && f.event === 'pusher_internal:subscription_succeeded')).toBe(false);
  a.ws.close();
  b.ws.close();
});
