// Security round 2 (issue 15), defect 1, against the real app, database and realtime server: a
// staff socket that never signs in could keep a chat's feed forever, because revocation
// (terminate_connections) closes only signed-in sockets. Now /api/pusher/auth grants staff
// channels only to a socket signed in as the caller, and the staff pages sign in first.
import WebSocket from 'ws';
import { sql } from './fixtures/db';
import { uniqueName } from './fixtures/people';
import { realtimeApi, realtimeSocket, viaRequest, type RealtimeSocket } from './fixtures/realtime-socket';
import { expect, test } from './fixtures/test';

const messagesOn = (s: RealtimeSocket, channel: string) => s.frames.filter((f) => f.event === 'message' && f.channel === channel);

test('defect 1: a raw socket that never signs in gets no staff channel; a signed-in one loses the chat at sign-out and hears nothing after', async ({ world }) => {
  const alex = await world.agent('agent1');
  const contact = await world.contact();
  const name = uniqueName('Unsigned');
  await alex.setState('Ready');
  const chat = await contact.start({ name, question: 'Is my data safe?' });
  await alex.accept(name);
  await alex.setState('Not Ready – Break');
  await contact.expectChatting();
  const [me] = await sql<{ id: string }>('SELECT id FROM "User" WHERE email = $1', ['agent1@example.com']);
  const asAlex = viaRequest(alex.context.request);
  const chatChannel = `private-chat-${chat.chatId}`;
  const internalChannel = `private-internal-${chat.chatId}`;

  // The attacker's socket: authorized with Alex's cookie, never signed in. Refused every staff channel.
  const unsigned = await realtimeSocket();
  for (const channel of [chatChannel, internalChannel, `private-user-${me!.id}`, 'private-staff']) {
    const r = await unsigned.authorize(asAlex, channel);
    expect(r.status, channel).toBe(403);
    expect(r.auth, channel).toBeUndefined();
  }

  // Control: the same cookie on a socket signed in as Alex gets them (the refusal above is for the sign-in).
  const signed = await realtimeSocket();
  await signed.signIn(asAlex);
  for (const channel of [chatChannel, internalChannel]) {
    const r = await signed.authorize(asAlex, channel);
    expect(r.status, channel).toBe(200);
    await signed.subscribe(channel, r.auth!);
  }
  // A grant is for one socket: the signed socket's signature does not open the unsigned one.
  const borrowed = await signed.authorize(asAlex, chatChannel);
  unsigned.send('pusher:subscribe', { channel: chatChannel, auth: borrowed.auth });
  await unsigned.next((f) => f.event === 'pusher:subscription_error' && f.channel === chatChannel);

  // Alex's own page signed in before subscribing: the contact's line arrives live, and on the signed socket.
  await contact.send('Card ending 4242');
  await expect(alex.item('Card ending 4242')).toBeVisible();
  await signed.next((f) => f.event === 'message' && f.channel === chatChannel && JSON.stringify(f.data).includes('Card ending 4242'));

  // Sign out: every socket signed in as Alex is closed (4009), so nothing holds the chat any more.
  await alex.page.getByRole('button', { name: 'Sign out' }).click();
  await alex.page.waitForURL(/\/login/);
  await signed.next((f) => f.event === 'pusher:error' && (f.data as { code?: number }).code === 4009);
  await expect.poll(() => signed.ws.readyState).toBe(WebSocket.CLOSED);
  const api = realtimeApi();
  // Left on the chat's channel: the contact's own page only.
  for (const [channel, left] of [[chatChannel, 1], [internalChannel, 0]] as const) {
    const count = async () => ((await (await api.get({ path: `/channels/${channel}`, params: { info: 'subscription_count' } })).json()) as { subscription_count?: number }).subscription_count ?? 0;
    await expect.poll(count, { message: channel }).toBe(left);
  }

  // The contact writes on; neither socket hears it (the unsigned one, still open, never had the channel).
  await contact.send('My PIN is 9876');
  await api.trigger(chatChannel, 'probe', { n: 1 });
  await new Promise((r) => setTimeout(r, 500));
  expect(unsigned.ws.readyState).toBe(WebSocket.OPEN);
  expect(unsigned.frames.filter((f) => f.raw.includes('9876') || f.event === 'probe' || f.event === 'message')).toEqual([]);
  expect(messagesOn(signed, chatChannel).filter((f) => f.raw.includes('9876'))).toEqual([]);
  unsigned.close();
});

test('defect 1: a signed-in socket is of no use to another staff member, nor once its agent is signed out', async ({ world }) => {
  const sam = await world.agent('agent2');
  const four = await world.agent('agent4');
  const [samRow] = await sql<{ id: string }>('SELECT id FROM "User" WHERE email = $1', ['agent2@example.com']);
  const samSocket = await realtimeSocket();
  await samSocket.signIn(viaRequest(sam.context.request));
  // Four names Sam's signed-in socket: their own channels are refused on it (it is not signed in as Four).
  expect((await samSocket.authorize(viaRequest(four.context.request), 'private-staff')).status).toBe(403);
  expect((await samSocket.authorize(viaRequest(sam.context.request), `private-user-${samRow!.id}`)).status).toBe(200);
  samSocket.close();
});
