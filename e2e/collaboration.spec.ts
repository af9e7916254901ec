// Team Communicator, transfer, conference and consultation (SPEC T1–T5), with three or four
// people each in their own browser against the real app, database and realtime server.
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { consoleSettings, patchConsoleSettings, restoreConsoleSettings, sql } from './fixtures/db';
import { uniqueName, type Agent, type Contact } from './fixtures/people';
import { expect, test, type World } from './fixtures/test';
import { realtimeSocket, viaRequest } from './fixtures/realtime-socket';

// The voice consultation needs Chromium's fake microphone and no permission prompt (browser-wide).
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] } });

let previous: Record<string, unknown> | null = null;
test.beforeAll(async () => {
  previous = await consoleSettings();
  // Long by default so a slow machine never expires an invitation a test means to answer.
  await patchConsoleSettings({ transferTimeoutSec: 120, conferenceTimeoutSec: 120, consultTimeoutSec: 120 });
});
test.afterAll(async () => {
  await restoreConsoleSettings(previous);
});

/** A live chat between a new contact and `owner` (who is left Not Ready, so nothing else is routed to them). */
async function liveChat(world: World, owner: Agent, question = 'My parcel never arrived'): Promise<{ contact: Contact; name: string }> {
  const name = uniqueName('Dana');
  const contact = await world.contact();
  await owner.setState('Ready');
  await contact.start({ name, question });
  await owner.accept(name);
  await owner.setState('Not Ready – Break');
  await contact.expectChatting();
  await contact.send('Hello, order 5521 please');
  await expect(owner.item('Hello, order 5521 please')).toBeVisible();
  return { contact, name };
}

/** Opens Transfer/Conference/Consult, types into the Team Communicator and picks with the keyboard. */
async function invite(agent: Agent, action: 'Transfer' | 'Conference' | 'Consult', search: string, group?: string) {
  await agent.button(action).click();
  const box = agent.page.getByRole('combobox', { name: 'Team Communicator' });
  await expect(box).toBeFocused();
  await box.fill(search);
  if (group) {
    await agent.page.getByRole('group', { name: group }).getByRole('option', { name: new RegExp(`^${search}`) }).click();
  } else {
    await expect(agent.page.getByRole('option').first()).toContainText(search);
    await box.press('Enter');
  }
  await expect(box).toBeHidden();
}

/** No error message shows (Next's empty route-announcer alert does not count). */
async function expectNoError(page: Page) {
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
}

async function userId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [email]);
  return row!.id;
}

test.describe('instant transfer (T2)', () => {
  test('accepted: the target owns the chat with the whole transcript, the contact sees them join, the old view closes', async ({ world }) => {
    const alex = await world.agent('agent1');
    const support = await world.agent('agent2');
    await support.setState('Not Ready – Break');
    const { contact, name } = await liveChat(world, alex);
    await alex.send('Let me pass you to a colleague');

    await invite(alex, 'Transfer', 'Agent Two');
    await expect(alex.page.getByText(/Waiting for Agent Two to accept the transfer/)).toBeVisible();

    // The target sees only the preview: contact, queue, who asks, the last lines; not the chat.
    const card = support.invitation(name);
    await expect(card).toBeVisible();
    await expect(card).toContainText('Transfer from Agent One');
    await expect(card.getByRole('list', { name: 'Last lines' })).toContainText('Let me pass you to a colleague');
    await expect(support.tab(name)).toBeHidden();
    await support.accept(name);

    await expect(support.item('Hello, order 5521 please')).toBeVisible();
    await expect(support.item('Let me pass you to a colleague')).toBeVisible();
    await expect(contact.item('Support joined the chat')).toBeVisible();
    await expect(alex.tab(name)).toBeHidden();
    await expect(alex.page.getByRole('heading', { name })).toBeHidden();

    await support.send('Hi, I can help with the refund');
    await expect(contact.item('Hi, I can help with the refund')).toBeVisible();
    await contact.send('Thanks!');
    await expect(support.item('Thanks!')).toBeVisible();
    const [row] = await sql<{ ownerId: string }>('SELECT "ownerId" FROM "Interaction" WHERE id = $1', [contact.session!.chatId]);
    expect(row!.ownerId).toBe(await userId('agent2@example.com'));
  });

  test('rejected: the transferring agent sees an error and keeps the chat; a pending invitation can be cancelled', async ({ world }) => {
    const alex = await world.agent('agent1');
    const support = await world.agent('agent2');
    await support.setState('Not Ready – Break');
    const { contact, name } = await liveChat(world, alex);

    // Cancel first: the target's invitation disappears.
    await invite(alex, 'Transfer', 'Agent Two');
    await expect(support.invitation(name)).toBeVisible();
    await alex.button('Cancel invitation').click();
    await expect(support.invitation(name)).toBeHidden();
    await expect(alex.page.getByText(/Waiting for Agent Two/)).toBeHidden();

    // T1: recent targets come first (kept per user); Escape closes the Team Communicator.
    await alex.button('Transfer').click();
    const recent = alex.page.getByRole('group', { name: 'Recent' });
    await expect(recent.getByRole('option').first()).toContainText('Agent Two');
    await expect(alex.page.getByRole('option').first()).toContainText('Agent Two');
    await alex.page.keyboard.press('Escape');
    await expect(alex.page.getByRole('combobox', { name: 'Team Communicator' })).toBeHidden();

    await invite(alex, 'Transfer', 'Agent Two');
    await support.reject(name);
    await expect(alex.page.getByRole('alert').filter({ hasText: 'Agent Two rejected the transfer. The chat stays with you.' })).toBeVisible();
    await expect(alex.tab(name)).toBeVisible();
    await alex.send('Still here with you');
    await expect(contact.item('Still here with you')).toBeVisible();
    await expect(support.tab(name)).toBeHidden();
    const statuses = await sql<{ status: string }>(`SELECT status::text AS status FROM "Invitation" WHERE "interactionId" = $1 AND kind = 'TRANSFER' ORDER BY "createdAt"`, [contact.session!.chatId]);
    expect(statuses.map((s) => s.status)).toEqual(['CANCELLED', 'REJECTED']);
  });

  test('ignored: after the timeout a notice at the top of the view says it was rejected, also after a reload; the chat stays', async ({ world }) => {
    test.setTimeout(90_000);
    await patchConsoleSettings({ transferTimeoutSec: 5 });
    try {
      const alex = await world.agent('agent1');
      const support = await world.agent('agent2');
      await support.setState('Not Ready – Break');
      const { contact, name } = await liveChat(world, alex);
      await invite(alex, 'Transfer', 'Agent Two');
      await expect(support.invitation(name)).toBeVisible();
      const notice = alex.page.getByRole('status').filter({ hasText: 'Agent Two did not answer in time: the transfer invitation was rejected. The chat stays with you.' });
      await expect(notice).toBeVisible({ timeout: 20_000 });
      await expect(support.invitation(name)).toBeHidden();
      await alex.page.reload();
      await expect(notice).toBeVisible();
      await expect(alex.tab(name)).toBeVisible();
      await alex.send('Sorry for the wait');
      await expect(contact.item('Sorry for the wait')).toBeVisible();
    } finally {
      await patchConsoleSettings({ transferTimeoutSec: 120 });
    }
  });

  test('to a skill and to a queue: the available agent with that skill is invited, not the longest idle one without it', async ({ world }) => {
    const support = await world.agent('agent2'); // English, French
    const alex = await world.agent('agent1'); // English, Billing
    const three = await world.agent('agent3'); // English only
    const { contact, name } = await liveChat(world, support);
    await three.setState('Ready'); // idle longest
    await alex.setState('Ready');

    await invite(support, 'Transfer', 'Billing', 'Skills');
    await expect(alex.invitation(name)).toBeVisible();
    await expect(three.invitation(name)).toBeHidden();
    await alex.reject(name);
    await expect(support.page.getByRole('alert').filter({ hasText: 'Agent One rejected the transfer.' })).toBeVisible();

    await invite(support, 'Transfer', 'Billing', 'Queues');
    await expect(alex.invitation(name)).toBeVisible();
    await expect(three.invitation(name)).toBeHidden();
    await alex.accept(name);
    await expect(contact.item('Alex joined the chat')).toBeVisible();
    await expect(support.tab(name)).toBeHidden();
    const targets = await sql<{ targetType: string; targetUserId: string }>(
      `SELECT "targetType"::text AS "targetType", "targetUserId" FROM "Invitation" WHERE "interactionId" = $1 AND kind = 'TRANSFER' ORDER BY "createdAt"`,
      [contact.session!.chatId],
    );
    const alexId = await userId('agent1@example.com');
    expect(targets).toEqual([
      { targetType: 'SKILL', targetUserId: alexId },
      { targetType: 'QUEUE', targetUserId: alexId },
    ]);
  });

  test('no agent available for a skill or a group: a clear message, nothing changes (T5)', async ({ world }) => {
    const alex = await world.agent('agent1');
    const { contact, name } = await liveChat(world, alex);
    await invite(alex, 'Transfer', 'French', 'Skills');
    // Errors show as a toast (announced politely by the toaster's live region).
    await expect(alex.page.getByText('No agent is available for that target right now. Nothing was changed.')).toBeVisible();
    await invite(alex, 'Conference', 'Sales', 'Groups');
    await expect(alex.page.getByText('No agent is available for that target right now.').last()).toBeVisible();
    expect(await sql('SELECT id FROM "Invitation" WHERE "interactionId" = $1 AND kind <> \'OFFER\'', [contact.session!.chatId])).toEqual([]);
    await expect(alex.tab(name)).toBeVisible();
    await alex.send('Still with you');
    await expect(contact.item('Still with you')).toBeVisible();
  });
});

test.describe('instant conference (T3)', () => {
  test('accepted: the target sees everything from the start and writes to all; the inviter leaves, the target owns the chat and marks it done', async ({ world }) => {
    const alex = await world.agent('agent1');
    const three = await world.agent('agent3');
    await three.setState('Not Ready – Break');
    const { contact, name } = await liveChat(world, alex);
    await alex.send('First answer before the conference');

    await invite(alex, 'Conference', 'Agent Three');
    await expect(three.invitation(name)).toContainText('Conference invitation from Agent One');
    await three.accept(name);
    await expect(three.item('Hello, order 5521 please')).toBeVisible();
    await expect(three.item('First answer before the conference')).toBeVisible();
    await expect(contact.item('Agent Three joined the chat')).toBeVisible();
    await expect(alex.item('Agent Three joined the chat')).toBeVisible();

    await three.send('Hello from the conference');
    await expect(contact.item('Hello from the conference')).toBeVisible();
    await expect(alex.item('Hello from the conference')).toBeVisible();
    await contact.send('Hi both');
    await expect(alex.item('Hi both')).toBeVisible();
    await expect(three.item('Hi both')).toBeVisible();
    await alex.send('Alex to everyone');
    await expect(three.item('Alex to everyone')).toBeVisible();
    await expect(contact.item('Alex to everyone')).toBeVisible();

    await alex.button('Leave conference').click();
    await expect(alex.tab(name)).toBeHidden();
    await expect(contact.item('Alex left the chat')).toBeVisible();
    await expect(three.item('Alex left the chat')).toBeVisible();
    const [row] = await sql<{ ownerId: string }>('SELECT "ownerId" FROM "Interaction" WHERE id = $1', [contact.session!.chatId]);
    expect(row!.ownerId).toBe(await userId('agent3@example.com'));
    await expect(three.button('Leave conference')).toBeHidden();

    await three.send('I will finish up here');
    await expect(contact.item('I will finish up here')).toBeVisible();
    await three.button('End chat').click();
    await three.button('Mark Done').click();
    await expect(three.tab(name)).toBeHidden();
    const [done] = await sql<{ status: string }>('SELECT status::text AS status FROM "Interaction" WHERE id = $1', [contact.session!.chatId]);
    expect(done!.status).toBe('DONE');
  });

  test('the inviting agent’s End chat ends only their part: the target owns the chat and the contact keeps chatting; the last agent ends it', async ({ world }) => {
    const alex = await world.agent('agent1');
    const three = await world.agent('agent3');
    await three.setState('Not Ready – Break');
    const { contact, name } = await liveChat(world, alex);
    await invite(alex, 'Conference', 'Agent Three');
    await three.accept(name);
    await expect(contact.item('Agent Three joined the chat')).toBeVisible();

    await alex.button('End chat').click();
    await expect(alex.tab(name)).toBeHidden();
    await expect(contact.item('Alex left the chat')).toBeVisible();
    await expect(three.item('Alex left the chat')).toBeVisible();
    await expect(contact.item('Alex ended the chat')).toHaveCount(0);
    const [row] = await sql<{ ownerId: string; status: string }>('SELECT "ownerId", status::text AS status FROM "Interaction" WHERE id = $1', [contact.session!.chatId]);
    expect(row).toEqual({ ownerId: await userId('agent3@example.com'), status: 'ACTIVE' });

    // The contact keeps chatting, now with the target alone.
    await contact.send('Still there?');
    await expect(three.item('Still there?')).toBeVisible();
    await three.send('Yes, I have it from here');
    await expect(contact.item('Yes, I have it from here')).toBeVisible();

    // The last agent's End chat ends it for the contact.
    await three.button('End chat').click();
    await expect(contact.item('Agent Three ended the chat')).toBeVisible();
    await expect(contact.page.getByText('This chat has ended.')).toBeVisible();
    await three.button('Mark Done').click();
    await expect(three.tab(name)).toBeHidden();
  });

  test('after the contact ends a conference chat, Leave conference no longer shows', async ({ world }) => {
    const alex = await world.agent('agent1');
    const three = await world.agent('agent3');
    await three.setState('Not Ready – Break');
    const { contact, name } = await liveChat(world, alex);
    await invite(alex, 'Conference', 'Agent Three');
    await three.accept(name);
    await expect(alex.button('Leave conference')).toBeVisible();
    await expect(three.button('Leave conference')).toBeVisible();
    await contact.page.getByRole('button', { name: 'End chat' }).click();
    await expect(alex.button('Mark Done')).toBeVisible();
    await expect(alex.button('Leave conference')).toBeHidden();
    await expect(three.button('Leave conference')).toBeHidden();
  });

  test('rejected, then ignored: a notice at the top of the view each time, the chat goes on', async ({ world }) => {
    test.setTimeout(90_000);
    await patchConsoleSettings({ conferenceTimeoutSec: 5 });
    try {
      const alex = await world.agent('agent1');
      const three = await world.agent('agent3');
      await three.setState('Not Ready – Break');
      const { contact, name } = await liveChat(world, alex);

      await invite(alex, 'Conference', 'Agent Three');
      await three.reject(name);
      await expect(alex.page.getByRole('alert').filter({ hasText: 'Agent Three rejected the conference invitation.' })).toBeVisible();

      await invite(alex, 'Conference', 'Agent Three');
      await expect(three.invitation(name)).toBeVisible();
      await expect(alex.page.getByRole('status').filter({ hasText: 'Agent Three did not answer in time: the conference invitation was rejected.' })).toBeVisible({ timeout: 20_000 });
      await expect(three.invitation(name)).toBeHidden();
      await expect(three.tab(name)).toBeHidden();
      await alex.send('Just us then');
      await expect(contact.item('Just us then')).toBeVisible();
      await expect(contact.item('Agent Three joined the chat')).toBeHidden();
    } finally {
      await patchConsoleSettings({ conferenceTimeoutSec: 120 });
    }
  });
});

test.describe('consultation (T4)', () => {
  test('a chat consultation stays between the agents: never on the contact’s page, channel or API, kept in the chat’s history', async ({ world }) => {
    const alex = await world.agent('agent1');
    const four = await world.agent('agent4');
    await four.setState('Not Ready – Break');
    // Everything the consulted agent's browser receives (its page reconnects to be recorded from the start).
    const fourFrames: string[] = [];
    four.page.on('websocket', (ws) => ws.on('framereceived', (f) => fourFrames.push(String(f.payload))));
    await four.page.reload();
    await expect(four.stateSelect).toBeVisible();

    // Everything the contact's browser receives over the realtime connection.
    const contactFrames: string[] = [];
    const contactCtx = await world.contact();
    contactCtx.page.on('websocket', (ws) => ws.on('framereceived', (f) => contactFrames.push(String(f.payload))));
    const name = uniqueName('Dana');
    await alex.setState('Ready');
    await contactCtx.start({ name, question: 'Refund question' });
    await alex.accept(name);
    await alex.setState('Not Ready – Break');
    await contactCtx.send('Can I get a refund?');
    await expect(alex.item('Can I get a refund?')).toBeVisible();

    await invite(alex, 'Consult', 'Agent Four');
    const card = four.invitation(name);
    await expect(card).toContainText('Consultation request from Agent One');
    await card.getByRole('button', { name: 'Accept' }).click();
    const panel = four.page.getByRole('region', { name: `Consultation about ${name}` });
    await expect(panel).toBeVisible();
    // The consulted agent does not get the chat itself.
    await expect(four.tab(name)).toBeHidden();
    await expect(four.page.getByRole('log', { name: 'Transcript' })).toHaveCount(0);

    const alexPanel = alex.page.getByRole('region', { name: 'Consultation' });
    await expect(alexPanel).toContainText('Agent Four joined the consultation');
    await alexPanel.getByRole('textbox', { name: 'Write to the consultation' }).fill('PRIVATE-Q is a refund after 40 days ok?');
    await alexPanel.getByRole('textbox', { name: 'Write to the consultation' }).press('Enter');
    await expect(panel.getByRole('log', { name: 'Consultation' })).toContainText('PRIVATE-Q is a refund after 40 days ok?');
    await panel.getByRole('textbox', { name: 'Write to the consultation' }).fill('PRIVATE-A only with a manager approval');
    await panel.getByRole('button', { name: 'Send privately' }).click();
    await expect(alexPanel.getByRole('log', { name: 'Consultation' })).toContainText('PRIVATE-A only with a manager approval');

    // Security round 2, defect 9: the consulted agent hears the consultation channel only. A
    // coaching line on the chat's internal channel never reaches them, and their own signed-in
    // socket is refused that channel (and granted the consultation one).
    const chatId = contactCtx.session!.chatId;
    const coach = await alex.page.request.post(`/api/interactions/${chatId}/internal`, { data: { clientId: `coach-${Date.now()}`, text: 'COACH-LINE keep it short', thread: 'coaching' } });
    expect(coach.status()).toBe(200);
    await alexPanel.getByRole('textbox', { name: 'Write to the consultation' }).fill('PRIVATE-AFTER the coaching line');
    await alexPanel.getByRole('textbox', { name: 'Write to the consultation' }).press('Enter');
    // Sent after the coaching line on the same socket: once this arrives, the coaching line would have too.
    await expect(panel.getByRole('log', { name: 'Consultation' })).toContainText('PRIVATE-AFTER the coaching line');
    expect(fourFrames.some((f) => f.includes('PRIVATE-AFTER')), 'the consulted agent’s page hears the consultation live').toBe(true);
    expect(fourFrames.filter((f) => f.includes('COACH-LINE') || f.includes(`private-internal-${chatId}`))).toEqual([]);
    const fourSocket = await realtimeSocket();
    await fourSocket.signIn(viaRequest(four.context.request));
    expect((await fourSocket.authorize(viaRequest(four.context.request), `private-internal-${chatId}`)).status).toBe(403);
    expect((await fourSocket.authorize(viaRequest(four.context.request), `private-consult-${chatId}`)).status).toBe(200);
    fourSocket.close();

    // The chat goes on meanwhile, and the contact never sees the side conversation.
    await alex.send('Let me check that for you');
    await expect(contactCtx.item('Let me check that for you')).toBeVisible();
    await expect(contactCtx.transcript).not.toContainText('PRIVATE');
    await expect(contactCtx.transcript).not.toContainText('consultation');
    expect(contactFrames.some((f) => f.includes('Let me check that for you')), 'the contact’s channel works').toBe(true);
    expect(contactFrames.filter((f) => f.includes('PRIVATE') || f.includes('COACH-LINE') || f.includes('private-internal') || f.includes('private-consult'))).toEqual([]);
    const api = await contactCtx.page.evaluate(async (s) => {
      const r = await fetch(`/api/v1/chats/${s.chatId}?after=0`, { headers: { authorization: `Bearer ${s.secret}` } });
      return r.text();
    }, contactCtx.session!);
    expect(api).toContain('Let me check that for you');
    expect(api).not.toContain('PRIVATE');

    await alexPanel.getByRole('button', { name: 'End consultation' }).click();
    await expect(panel).toBeHidden();
    await expect(alexPanel).toContainText('The consultation has ended.');
    // Kept with the interaction, on the internal stream only.
    const kept = await sql<{ text: string; visibility: string; thread: string }>(
      `SELECT text, visibility::text AS visibility, thread FROM "Message" WHERE "interactionId" = $1 AND kind = 'TEXT' AND text LIKE 'PRIVATE%' ORDER BY seq`,
      [contactCtx.session!.chatId],
    );
    expect(kept).toEqual([
      { text: 'PRIVATE-Q is a refund after 40 days ok?', visibility: 'INTERNAL', thread: 'consultation' },
      { text: 'PRIVATE-A only with a manager approval', visibility: 'INTERNAL', thread: 'consultation' },
      { text: 'PRIVATE-AFTER the coaching line', visibility: 'INTERNAL', thread: 'consultation' },
    ]);
    await expectNoError(alex.page);
  });
});

test.describe('voice consultation (T4)', () => {
  test('two agents reach a connected call (ringing, accept, mute, duration), then hang up', async ({ world }) => {
    const alex = await world.agent('agent1');
    const four = await world.agent('agent4');
    await four.setState('Not Ready – Break');
    const { name } = await liveChat(world, alex);
    await invite(alex, 'Consult', 'Agent Four');
    await four.invitation(name).getByRole('button', { name: 'Accept' }).click();
    const theirs = four.page.getByRole('region', { name: `Consultation about ${name}` });
    const mine = alex.page.getByRole('region', { name: 'Consultation' });
    await expect(mine).toContainText('Agent Four joined the consultation');

    await mine.getByRole('button', { name: 'Voice call' }).click();
    await expect(mine.getByRole('status').filter({ hasText: 'Calling Agent Four…' })).toBeVisible();
    await expect(theirs.getByRole('status').filter({ hasText: 'Incoming voice call from Alex' })).toBeVisible();
    await theirs.getByRole('button', { name: 'Accept call' }).click();

    await expect(mine.getByRole('status').filter({ hasText: 'Call connected' })).toBeVisible({ timeout: 20_000 });
    await expect(theirs.getByRole('status').filter({ hasText: 'Call connected' })).toBeVisible({ timeout: 20_000 });
    const timer = mine.getByRole('timer', { name: 'Call duration' });
    await expect(timer).toHaveText(/^\d+:\d\d$/);
    await expect.poll(async () => (await timer.textContent()) !== '0:00', { message: 'the call duration counts up' }).toBe(true);
    // Audio flows: the remote element plays a live track.
    await expect.poll(() => four.page.evaluate(() => (document.querySelector('audio')?.srcObject as MediaStream | null)?.getAudioTracks().length ?? 0)).toBe(1);

    const mute = mine.getByRole('button', { name: 'Mute' });
    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'true');
    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'false');

    await theirs.getByRole('button', { name: 'Hang up' }).click();
    await expect(theirs.getByRole('status').filter({ hasText: 'Call ended.' })).toBeVisible();
    await expect(mine.getByRole('status').filter({ hasText: 'Call ended.' })).toBeVisible();
    await expect(mine.getByRole('timer')).toHaveCount(0);
  });

  test('a declined call rings no more and changes nothing', async ({ world }) => {
    const alex = await world.agent('agent1');
    const four = await world.agent('agent4');
    await four.setState('Not Ready – Break');
    const { name } = await liveChat(world, alex);
    await invite(alex, 'Consult', 'Agent Four');
    await four.invitation(name).getByRole('button', { name: 'Accept' }).click();
    const theirs = four.page.getByRole('region', { name: `Consultation about ${name}` });
    const mine = alex.page.getByRole('region', { name: 'Consultation' });
    await expect(mine.getByRole('button', { name: 'Voice call' })).toBeVisible();
    await mine.getByRole('button', { name: 'Voice call' }).click();
    await theirs.getByRole('button', { name: 'Decline call' }).click();
    await expect(mine.getByRole('status').filter({ hasText: 'The call was declined.' })).toBeVisible();
    await expect(theirs.getByRole('button', { name: 'Accept call' })).toBeHidden();
    await expect(mine.getByRole('button', { name: 'Voice call' })).toBeVisible();
  });
});
