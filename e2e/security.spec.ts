// Access (X1) and markup (X3): a chat is reachable only by its own agent and its own contact,
// and what a contact types is shown as text, never run.
import type { APIRequestContext } from '@playwright/test';
import { sql } from './fixtures/db';
import { uniqueName } from './fixtures/people';
import { expect, test } from './fixtures/test';
import { realtimeSocket, viaRequest } from './fixtures/realtime-socket';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

function pusherAuth(request: APIRequestContext, params: Record<string, string>) {
  return request.post('/api/pusher/auth', { headers: form, data: new URLSearchParams({ socket_id: '123.456', ...params }).toString() });
}

test('another agent can neither open nor subscribe to a chat, and a contact secret opens only its own chat', async ({ world, request }) => {
  const name = uniqueName('Priya');
  const contact = await world.contact();
  const chat = await contact.start({ name, question: 'Private matter' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await expect(alex.invitation(name)).toBeVisible();
  await alex.accept(name);
  await contact.expectChatting();
  await contact.send('My account number is 12345.');
  // No further offers for this agent while we probe.
  await alex.setState('Not Ready – Break');

  const intruder = await world.agent('agent2');
  const channel = `private-chat-${chat.chatId}`;

  // Staff channels go only to a socket signed in as the caller (security round 2, defect 1):
  // each agent's probes below use their own signed-in socket, so a refusal is for the chat.
  const [alexSocket, intruderSocket] = await Promise.all([realtimeSocket(), realtimeSocket()]);
  await alexSocket.signIn(viaRequest(alex.page.request));
  await intruderSocket.signIn(viaRequest(intruder.page.request));
  // The owner can (controls: the probes below fail for the right reason).
  expect((await alex.page.request.get(`/api/interactions/${chat.chatId}`)).status()).toBe(200);
  expect((await pusherAuth(alex.page.request, { channel_name: channel, socket_id: alexSocket.socketId })).status()).toBe(200);

  // Another agent gets nothing: not the chat, not its transcript, not its channels.
  const detail = await intruder.page.request.get(`/api/interactions/${chat.chatId}`);
  expect(detail.status()).toBe(404);
  expect(await detail.text()).not.toContain('12345');
  expect((await intruder.page.request.get(`/api/interactions/${chat.chatId}?after=0`)).status()).toBe(404);
  expect((await pusherAuth(intruder.page.request, { socket_id: intruderSocket.socketId, channel_name: channel })).status()).toBe(403);
  expect((await pusherAuth(intruder.page.request, { socket_id: intruderSocket.socketId, channel_name: `private-internal-${chat.chatId}` })).status()).toBe(403);
  expect((await pusherAuth(intruder.page.request, { socket_id: intruderSocket.socketId, channel_name: `presence-contact-${chat.chatId}` })).status()).toBe(403);
  // Nor another agent's personal channel (their offers and workspace events).
  const [owner] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'agent1@example.com'`);
  expect((await pusherAuth(intruder.page.request, { socket_id: intruderSocket.socketId, channel_name: `private-user-${owner!.id}` })).status()).toBe(403);
  // Someone not signed in gets nothing at all.
  expect((await pusherAuth(request, { channel_name: channel })).status()).toBe(401);

  // A second chat's secret: good for that chat, refused for the first one.
  const started = await request.post('/api/v1/chats', { data: { name: uniqueName('Other'), question: 'Just browsing', language: 'en' } });
  expect(started.status()).toBe(201);
  const other = (await started.json()) as { chatId: string; secret: string };
  world.track(other);
  const asOther = { authorization: `Bearer ${other.secret}` };
  expect((await request.get(`/api/v1/chats/${other.chatId}`, { headers: asOther })).status()).toBe(200);

  const read = await request.get(`/api/v1/chats/${chat.chatId}?after=0`, { headers: asOther });
  expect(read.status()).toBe(401);
  expect(await read.text()).not.toContain('12345');
  const post = await request.post(`/api/v1/chats/${chat.chatId}/messages`, { headers: asOther, data: { clientId: 'intruder0001', text: 'hijack' } });
  expect(post.status()).toBe(401);
  expect((await request.post(`/api/v1/chats/${chat.chatId}/end`, { headers: asOther, data: {} })).status()).toBe(401);
  // Channel auth with the other secret: for this chat's id (wrong secret), or the other chat's id (wrong channel).
  expect((await pusherAuth(request, { channel_name: channel, chat_id: chat.chatId, chat_secret: other.secret })).status()).toBe(401);
  expect((await pusherAuth(request, { channel_name: channel, chat_id: other.chatId, chat_secret: other.secret })).status()).toBe(403);
  // …while the real contact's own secret works.
  expect((await pusherAuth(request, { channel_name: channel, chat_id: chat.chatId, chat_secret: chat.secret })).status()).toBe(200);

  // Nothing the probes tried reached the chat.
  await expect(alex.item('hijack')).toHaveCount(0);
  await expect(contact.item('hijack')).toHaveCount(0);
  await expect(contact.page.getByText('You are chatting with an agent.')).toBeVisible();
  alexSocket.close();
  intruderSocket.close();
});

test('markup sent by the contact shows as literal text and never runs', async ({ world }) => {
  const xss = '<img src=x onerror=alert(1)>';
  const name = uniqueName('Mallory');
  const contact = await world.contact();
  await contact.start({ name, question: '<script>alert("q")</script>' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await contact.expectChatting();

  await contact.send(xss);
  const item = alex.item(xss);
  await expect(item).toBeVisible();
  await expect(item.getByText(xss, { exact: true })).toBeVisible();
  await expect(alex.transcript.locator('img')).toHaveCount(0);
  await expect(contact.transcript.locator('img')).toHaveCount(0);
  // The case data shows the question as text too.
  await expect(alex.page.getByRole('region', { name: 'Case data' }).getByText('<script>alert("q")</script>')).toBeVisible();

  await alex.send('<b>not bold</b>');
  await expect(contact.item('<b>not bold</b>')).toBeVisible();
  await expect(contact.transcript.locator('b')).toHaveCount(0);

  // Give an injected handler time to fire (an <img> error is near-immediate), then: no dialog.
  await alex.page.waitForTimeout(500);
  expect(world.dialogs).toEqual([]);
});
