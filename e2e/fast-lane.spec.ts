// The hot endpoints are answered by the fast lane (lib/fast-lane/, started by server.ts), with
// the same answers as the route handlers: the security suite (authorization matrix, hostile
// corpus) runs against these same URLs. Here: which lane answered, and that it answers as the
// framework would (headers, errors, body cap).
import { expect, test } from './fixtures/test';

const FAST = 'lane;desc="fast"';

test('contact sends, typing and reads go through the fast lane; other routes through Next.js', async ({ request, world }) => {
  const started = await request.post('/api/v1/chats', { data: { name: 'Lane Lou', question: 'Which lane?', language: 'en' } });
  expect(started.status()).toBe(201);
  expect(started.headers()['server-timing']).toBeUndefined();
  const chat = (await started.json()) as { chatId: string; secret: string };
  world.track(chat);
  const auth = { authorization: `Bearer ${chat.secret}` };

  const sent = await request.post(`/api/v1/chats/${chat.chatId}/messages`, { headers: auth, data: { clientId: 'lane-0001', text: 'hello' } });
  expect(sent.status()).toBe(200);
  expect(sent.headers()['server-timing']).toBe(FAST);
  // What next.config.js adds to every response, the fast lane adds too.
  expect(sent.headers()['x-content-type-options']).toBe('nosniff');
  expect(sent.headers()['x-frame-options']).toBe('DENY');
  expect(sent.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  const again = await request.post(`/api/v1/chats/${chat.chatId}/messages`, { headers: auth, data: { clientId: 'lane-0001', text: 'hello' } });
  expect((await again.json()).message.id, 'a retry returns the stored message').toBe((await sent.json()).message.id);

  const typing = await request.post(`/api/v1/chats/${chat.chatId}/typing`, { headers: auth, data: { typing: true } });
  expect(typing.status()).toBe(200);
  expect(typing.headers()['server-timing']).toBe(FAST);

  const read = await request.get(`/api/v1/chats/${chat.chatId}?after=0`, { headers: auth });
  expect(read.headers()['server-timing']).toBe(FAST);
  const body = (await read.json()) as { messages: { text: string }[] };
  expect(body.messages.map((m) => m.text)).toEqual(['hello']);

  // Errors are the route handlers' errors.
  const wrongSecret = await request.get(`/api/v1/chats/${chat.chatId}`, { headers: { authorization: 'Bearer nope' } });
  expect(wrongSecret.status()).toBe(401);
  expect((await wrongSecret.json()).error.code).toBe('unauthorized');
  const tooBig = await request.post(`/api/v1/chats/${chat.chatId}/messages`, { headers: auth, data: { clientId: 'lane-0002', text: 'x'.repeat(20_000) } });
  expect(tooBig.status()).toBe(400);
  expect((await tooBig.json()).error.code).toBe('invalidInput');

  const health = await request.get('/api/health');
  expect(health.headers()['server-timing']).toBeUndefined();
});

test('a signed-in agent’s send and catch-up go through the fast lane with the session cookie', async ({ world, request }) => {
  const contact = await world.contact();
  const name = `Lane ${Date.now().toString(36)}`;
  const chat = await contact.start({ name, question: 'Cookie lane' });
  const agent = await world.agent('agent1');
  await agent.setState('Ready');
  await agent.accept(name);
  const lanes: string[] = [];
  agent.page.on('response', (r) => {
    if (/^\/api\/interactions\/[^/]+\/messages$/.test(new URL(r.url()).pathname)) lanes.push(r.headers()['server-timing'] ?? 'next');
  });
  await agent.send('Hello from the fast lane');
  await expect(contact.page.getByRole('log', { name: 'Transcript' })).toContainText('Hello from the fast lane');
  expect(lanes).toContain(FAST);
  // The agent's catch-up read, with the browser's own cookie.
  const read = await agent.page.request.get(`/api/interactions/${chat.chatId}?after=0`);
  expect(read.status()).toBe(200);
  expect(read.headers()['server-timing']).toBe(FAST);
  // Without the cookie the same URL is refused, as the route handler would.
  const anon = await request.post(`/api/interactions/${chat.chatId}/messages`, { data: { clientId: 'anon-000001', text: 'no' } });
  expect(anon.status()).toBe(401);
  expect((await anon.json()).error.code).toBe('unauthorized');
});
