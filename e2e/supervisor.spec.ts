// The supervisor monitoring view (S1–S7), with three or more browser contexts against the real
// app, database and realtime server: the live board, filters, monitor (silent), coach (agent
// only), barge in (visible), two supervisors at once, monitor next, help requests, and refusals.
import type { Locator, Page } from '@playwright/test';
import WebSocket from 'ws';
import { consoleSettings, patchConsoleSettings, restoreConsoleSettings, sql } from './fixtures/db';
import { ACCOUNTS, signIn, transcriptItems, uniqueName, type Agent, type ChatSession } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test, type World } from './fixtures/test';

const SUPERVISOR2 = { email: 'supervisor2@example.com', password: 'super123!' };

class Supervisor {
  constructor(readonly page: Page) {}
  get board(): Locator {
    return this.page.getByRole('table', { name: 'Live chats' });
  }
  row(contactName: string): Locator {
    return this.board.getByRole('row', { name: new RegExp(contactName) });
  }
  get agents(): Locator {
    return this.page.getByRole('table', { name: 'Agents' });
  }
  session(contactName: string): Locator {
    return this.page.getByRole('region', { name: `Supervising ${contactName}` });
  }
  transcript(contactName: string): Locator {
    return this.session(contactName).getByRole('log', { name: 'Transcript' });
  }
  filter(name: 'Queue' | 'Group' | 'Agent' | 'State'): Locator {
    return this.page.getByRole('search').getByRole('combobox', { name });
  }
  async act(contactName: string, mode: 'Monitor' | 'Coach' | 'Barge in'): Promise<void> {
    await this.row(contactName).getByRole('button', { name: mode, exact: true }).click();
    await expect(this.session(contactName)).toBeVisible();
    await expect(this.session(contactName).getByRole('button', { name: mode, exact: true })).toHaveAttribute('aria-pressed', 'true');
  }
}

async function supervisor(world: World, account: { email: string; password: string } = ACCOUNTS.supervisor): Promise<Supervisor> {
  const context = await world.newContext();
  const page = await context.newPage();
  await signIn(page, account, /\/supervisor$/);
  const s = new Supervisor(page);
  await expect(s.board).toBeVisible();
  // Hydrated and live (the server-rendered page says "Connecting…" until the realtime connection is up).
  await expect(page.getByText('Connecting…')).toHaveCount(0);
  return s;
}

/** A contact whose chat agent1 (Ready alone) accepts; agent1 then goes Not Ready so nothing else reaches them. */
async function chatWithAlex(world: World, alex: Agent, question = 'Where is my order?') {
  const name = uniqueName('Dana');
  const contact = await world.contact();
  await contact.start({ name, question });
  await alex.accept(name);
  await contact.expectChatting();
  return { name, contact, session: contact.session! };
}

async function apiStart(world: World, input: Record<string, unknown>): Promise<ChatSession & { name: string }> {
  const name = uniqueName('Api');
  const res = await fetch(new URL('/api/v1/chats', e2eState().baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, question: 'From the API', language: 'en', ...input }),
  });
  expect(res.status).toBe(201);
  const s = (await res.json()) as ChatSession;
  world.track(s);
  return { ...s, name };
}

async function contactApi(s: ChatSession): Promise<string> {
  const res = await fetch(new URL(`/api/v1/chats/${s.chatId}?after=0`, e2eState().baseURL), { headers: { authorization: `Bearer ${s.secret}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The contact's own realtime view of their chat: a raw socket authorized with the chat secret. */
async function contactSocket(s: ChatSession) {
  const { realtime, appEnv, baseURL } = e2eState();
  const ws = new WebSocket(`ws://127.0.0.1:${realtime.port}/app/${appEnv.PUSHER_KEY}?protocol=7&client=e2e&version=1`);
  const frames: { event: string; channel?: string; data?: string }[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString()) as (typeof frames)[number]));
  await expect.poll(() => frames.find((f) => f.event === 'pusher:connection_established')).toBeTruthy();
  const socketId = (JSON.parse(frames[0]!.data!) as { socket_id: string }).socket_id;
  const auth = async (channel: string) =>
    fetch(new URL('/api/pusher/auth', baseURL), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ socket_id: socketId, channel_name: channel, chat_id: s.chatId, chat_secret: s.secret }).toString(),
    });
  const chatChannel = `private-chat-${s.chatId}`;
  const res = await auth(chatChannel);
  expect(res.status).toBe(200);
  ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: chatChannel, auth: ((await res.json()) as { auth: string }).auth } }));
  await expect.poll(() => frames.some((f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === chatChannel)).toBe(true);
  return { frames, auth, close: () => ws.close() };
}

/** POSTs from inside a signed-in page (its session cookie), as that person's browser would. */
function pageFetch(page: Page, path: string, init: { method?: string; body?: string; contentType?: string } = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, { method: init.method ?? 'GET', headers: init.contentType ? { 'content-type': init.contentType } : {}, body: init.body });
      return { status: res.status, text: await res.text() };
    },
    { path, init },
  );
}

test('a new chat appears on the board live, and its pending colour and text change as the reply goes late', async ({ world }) => {
  test.setTimeout(90_000);
  const previous = await consoleSettings();
  await patchConsoleSettings({ pendingYellowSec: 3, pendingRedSec: 6 });
  try {
    const sup = await supervisor(world);
    const alex = await world.agent('agent1');
    await alex.setState('Ready');
    const name = uniqueName('Nina');
    const contact = await world.contact();
    await contact.start({ name, question: 'Is my order shipped?' });
    // Live, no reload: queued or offered first, then active with its agent.
    await expect(sup.row(name)).toBeVisible();
    await expect(sup.row(name)).toContainText(/Queued|Offered/);
    await alex.accept(name);
    await expect(sup.row(name)).toContainText('Active');
    await expect(sup.row(name)).toContainText('Alex (Agent One)');
    await expect(sup.row(name)).toContainText('Main');

    await contact.send('Hello, anyone there?');
    const badge = sup.row(name).locator('[data-pending]');
    await expect(sup.row(name)).toContainText('Hello, anyone there?');
    await expect(badge).toHaveAttribute('data-pending', 'green');
    await expect(badge).toContainText('Response pending');
    await expect(badge).toHaveAttribute('data-pending', 'yellow', { timeout: 8_000 });
    await expect(badge).toContainText('Response pending — late');
    await expect(badge).toHaveAttribute('data-pending', 'red', { timeout: 8_000 });
    await expect(badge).toContainText('Response overdue');
    // The agents panel shows the same level for the agent's longest pending response.
    const alexRow = sup.agents.getByRole('row', { name: /Agent One/ });
    await expect(alexRow.locator('[data-pending]')).toHaveAttribute('data-pending', 'red');
    await expect(alexRow).toContainText('1 / 3');

    await alex.send('Yes, here now');
    await expect(badge).toHaveAttribute('data-pending', 'none');
    await expect(badge).toContainText('No response pending');
    await expect(sup.row(name)).toContainText('Yes, here now');

    // A figure's definition shows on keyboard focus.
    await sup.page.getByRole('button', { name: 'Service level' }).focus();
    await expect(sup.page.getByRole('tooltip')).toContainText('accepted within');
  } finally {
    await restoreConsoleSettings(previous);
  }
});

test('filters by queue, group, agent and state', async ({ world }) => {
  const sup = await supervisor(world);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const a = await chatWithAlex(world, alex);
  await alex.setState('Not Ready – Break');
  // Nobody Ready: these two stay queued, one in Main, one in Billing.
  const queuedMain = await apiStart(world, { language: 'fr' });
  const queuedBilling = await apiStart(world, { queue: 'Billing' });
  for (const n of [a.name, queuedMain.name, queuedBilling.name]) await expect(sup.row(n)).toBeVisible();

  const visible = async (names: string[], hidden: string[]) => {
    for (const n of names) await expect(sup.row(n)).toBeVisible();
    for (const n of hidden) await expect(sup.row(n)).toHaveCount(0);
  };
  await sup.filter('Queue').selectOption({ label: 'Billing' });
  await visible([queuedBilling.name], [a.name, queuedMain.name]);
  await sup.filter('Queue').selectOption({ label: 'All' });
  await sup.filter('State').selectOption({ label: 'Queued' });
  await visible([queuedMain.name, queuedBilling.name], [a.name]);
  await sup.filter('State').selectOption({ label: 'All' });
  await sup.filter('Agent').selectOption({ label: 'Agent One' });
  await visible([a.name], [queuedMain.name, queuedBilling.name]);
  await sup.filter('Agent').selectOption({ label: 'All' });
  await sup.filter('Group').selectOption({ label: 'Support' });
  await visible([a.name], [queuedMain.name, queuedBilling.name]);
  await sup.filter('Group').selectOption({ label: 'Sales' });
  await visible([], [a.name, queuedMain.name, queuedBilling.name]);
  await sup.filter('Group').selectOption({ label: 'All' });
  await visible([a.name, queuedMain.name, queuedBilling.name], []);

  // Sorting by waiting time puts the longest wait first; the header says how it is sorted.
  await sup.page.getByRole('button', { name: 'Waiting time' }).click();
  await expect(sup.board.getByRole('columnheader', { name: 'Waiting time' })).toHaveAttribute('aria-sort', 'descending');
  await sup.page.getByRole('button', { name: 'Pending time' }).click();
  await expect(sup.board.getByRole('columnheader', { name: 'Pending time' })).toHaveAttribute('aria-sort', 'descending');
});

test('Monitor shows the whole transcript, typing and new messages live, while the contact sees no trace', async ({ world }) => {
  const sup = await supervisor(world);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const { name, contact, session } = await chatWithAlex(world, alex);
  await alex.setState('Not Ready – Break');
  await contact.send('Before the supervisor came');
  const contactItemsBefore = await transcriptItems(contact.transcript).count();

  await sup.act(name, 'Monitor');
  const log = sup.transcript(name);
  await expect(log.getByText('Before the supervisor came')).toBeVisible();
  await expect(log.getByText('Alex joined the chat')).toBeVisible();
  // Read-only: no message box in monitor mode.
  await expect(sup.session(name).getByRole('textbox')).toHaveCount(0);

  await contact.messageBox.fill('typing as the contact');
  await expect(sup.session(name).getByText(`${name} is typing…`)).toBeVisible();
  await contact.page.getByRole('button', { name: 'Send' }).click();
  await expect(log.getByText('typing as the contact')).toBeVisible();
  await alex.messageBox.fill('typing as the agent');
  await expect(sup.session(name).getByText('Alex is typing…')).toBeVisible();
  await alex.button('Send').click();
  await expect(log.getByText('typing as the agent')).toBeVisible();

  // The contact: nothing joined, no new item but the two messages, no supervisor anywhere.
  await expect(contact.item('typing as the agent')).toBeVisible();
  await expect(transcriptItems(contact.transcript)).toHaveCount(contactItemsBefore + 2);
  await expect(contact.page.getByText(/Supervisor/)).toHaveCount(0);
  expect(await contactApi(session)).not.toMatch(/Supervisor/);
  // Silent by default: the agent is not shown a monitoring sign either.
  await expect(alex.page.getByText('A supervisor is monitoring this chat')).toHaveCount(0);
});

test('what the supervisor typed is kept across Coach, Barge in and Monitor (the composer is not swapped)', async ({ world }) => {
  const sup = await supervisor(world);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const { name } = await chatWithAlex(world, alex);
  await alex.setState('Not Ready – Break');
  await sup.act(name, 'Coach');
  const panel = sup.session(name);
  await panel.getByRole('textbox', { name: 'Coaching message' }).fill('Half a thought');
  await panel.getByRole('button', { name: 'Barge in', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Barge in', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const box = panel.getByRole('textbox', { name: 'Message' });
  await expect(box).toHaveValue('Half a thought');
  await box.press('End');
  await box.pressSequentially(' and more');
  await panel.getByRole('button', { name: 'Monitor', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Monitor', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await panel.getByRole('button', { name: 'Coach', exact: true }).click();
  await expect(panel.getByRole('textbox', { name: 'Coaching message' })).toHaveValue('Half a thought and more');
  // Nothing was sent on the way.
  await expect(alex.item('Half a thought')).toHaveCount(0);
});

test('Coach reaches the agent and not the contact (page, API, channel); a help request lights the board until coached', async ({ world }) => {
  const sup = await supervisor(world);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const { name, contact, session } = await chatWithAlex(world, alex);
  await alex.setState('Not Ready – Break');
  const socket = await contactSocket(session);
  // The contact's secret never opens the internal channel.
  expect((await socket.auth(`private-internal-${session.chatId}`)).status).toBe(403);

  // S7: the agent asks for help; the row and the agent light up on the board.
  await alex.page.getByRole('button', { name: 'Ask for help' }).click();
  await expect(alex.page.getByRole('button', { name: 'Ask for help' })).toHaveAttribute('aria-pressed', 'true');
  await expect(sup.row(name)).toHaveAttribute('data-help', 'true');
  await expect(sup.row(name)).toContainText('Help requested');
  await expect(sup.agents.getByRole('row', { name: /Agent One/ })).toHaveAttribute('data-help', 'true');

  await sup.act(name, 'Coach');
  // Coaching clears the help request.
  await expect(sup.row(name)).not.toHaveAttribute('data-help', 'true');
  await expect(sup.agents.getByRole('row', { name: /Agent One/ })).not.toHaveAttribute('data-help', 'true');

  const coachBox = sup.session(name).getByRole('textbox', { name: 'Coaching message' });
  await coachBox.fill('Offer the refund now');
  await sup.session(name).getByRole('button', { name: 'Send to agent' }).click();
  const coached = alex.item('Offer the refund now');
  await expect(coached).toBeVisible();
  await expect(coached).toContainText('Coaching');
  await expect(coached).toHaveAttribute('data-thread', 'coaching');

  // The agent answers privately.
  await alex.page.getByRole('textbox', { name: 'Reply to coach' }).fill('On it, thanks');
  await alex.page.getByRole('button', { name: 'Reply privately' }).click();
  await expect(sup.transcript(name).getByText('On it, thanks')).toBeVisible();
  await expect(alex.item('On it, thanks')).toContainText('Coaching');

  // Then a normal reply, which the contact does get (so their page and socket were live).
  await alex.send('I have refunded you');
  await expect(contact.item('I have refunded you')).toBeVisible();
  await expect.poll(() => socket.frames.some((f) => f.event === 'message' && f.data?.includes('I have refunded you'))).toBe(true);
  for (const secret of ['Offer the refund now', 'On it, thanks']) {
    await expect(contact.page.getByText(secret)).toHaveCount(0);
    expect(JSON.stringify(socket.frames)).not.toContain(secret);
  }
  expect(await contactApi(session)).not.toMatch(/Offer the refund now|On it, thanks/);
  socket.close();
});

test('Barge in is visible to the contact; switching modes keeps the transcript', async ({ world }) => {
  const sup = await supervisor(world);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const { name, contact } = await chatWithAlex(world, alex);
  await alex.setState('Not Ready – Break');
  await contact.send('I want a manager');

  await sup.act(name, 'Monitor');
  await expect(sup.transcript(name).getByText('I want a manager')).toBeVisible();
  await sup.session(name).getByRole('button', { name: 'Barge in', exact: true }).click();
  await expect(contact.item('Sam Supervisor joined the chat')).toBeVisible();
  await expect(alex.item('Sam Supervisor joined the chat')).toBeVisible();

  await sup.session(name).getByRole('textbox', { name: 'Message' }).fill('Hello, I am the manager');
  await sup.session(name).getByRole('button', { name: 'Send', exact: true }).click();
  const fromManager = contact.item('Hello, I am the manager');
  await expect(fromManager).toBeVisible();
  await expect(fromManager).toContainText('Sam Supervisor');
  await expect(alex.item('Hello, I am the manager')).toBeVisible();

  await sup.session(name).getByRole('button', { name: 'Coach', exact: true }).click();
  await expect(contact.item('Sam Supervisor left the chat')).toBeVisible();
  // Same transcript throughout: nothing lost by the switches.
  const log = sup.transcript(name);
  for (const text of ['I want a manager', 'Sam Supervisor joined the chat', 'Hello, I am the manager', 'Sam Supervisor left the chat']) await expect(log.getByText(text)).toBeVisible();
  await sup.session(name).getByRole('button', { name: 'Monitor', exact: true }).click();
  await expect(sup.session(name).getByRole('status')).toContainText('Monitoring silently');
  await expect(log.getByText('Hello, I am the manager')).toBeVisible();
});

test('two supervisors monitor one chat at once', async ({ world }) => {
  const sup1 = await supervisor(world);
  const sup2 = await supervisor(world, SUPERVISOR2);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const { name, contact } = await chatWithAlex(world, alex);
  await alex.setState('Not Ready – Break');
  await sup1.act(name, 'Monitor');
  await sup2.act(name, 'Monitor');
  await contact.send('Seen by two');
  await expect(sup1.transcript(name).getByText('Seen by two')).toBeVisible();
  await expect(sup2.transcript(name).getByText('Seen by two')).toBeVisible();
  await alex.send('Answer seen by two');
  await expect(sup1.transcript(name).getByText('Answer seen by two')).toBeVisible();
  await expect(sup2.transcript(name).getByText('Answer seen by two')).toBeVisible();
  const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Participant" p JOIN "Interaction" i ON i.id = p."interactionId" JOIN "Contact" c ON c.id = i."contactId" WHERE c.name = $1 AND p.role = 'MONITOR' AND p."leftAt" IS NULL`, [name]);
  expect(n).toBe(2);
  await expect(contact.page.getByText(/Supervisor/)).toHaveCount(0);
});

test('Monitor next attaches to the agent’s next accepted chat, and stays on after a reload', async ({ world }) => {
  const sup = await supervisor(world);
  const alexRow = sup.agents.getByRole('row', { name: /Agent One/ });
  const toggle = alexRow.getByRole('button', { name: 'Monitor next' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await sup.page.reload();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  try {
    const alex = await world.agent('agent1');
    await alex.setState('Ready');
    const { name, contact } = await chatWithAlex(world, alex);
    await alex.setState('Not Ready – Break');
    await expect(sup.session(name)).toBeVisible();
    await expect(sup.session(name).getByRole('button', { name: 'Monitor', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await contact.send('Monitored from the first message');
    await expect(sup.transcript(name).getByText('Monitored from the first message')).toBeVisible();
    await expect(contact.page.getByText(/Supervisor/)).toHaveCount(0);
  } finally {
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  }
});

test('an agent is refused the supervisor page, its data and its channel', async ({ world }) => {
  const alex = await world.agent('agent1');
  await alex.page.goto('/supervisor');
  await expect(alex.page).toHaveURL(/\/agent$/);
  await expect(alex.page.getByRole('table', { name: 'Live chats' })).toHaveCount(0);
  const board = await pageFetch(alex.page, '/api/supervisor/board');
  expect(board.status).toBe(403);
  const channel = await pageFetch(alex.page, '/api/pusher/auth', {
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    body: 'socket_id=1234.5678&channel_name=private-supervisors',
  });
  expect(channel.status).toBe(403);
  // The supervisor, for contrast, gets both.
  const sup = await supervisor(world);
  expect((await pageFetch(sup.page, '/api/supervisor/board')).status).toBe(200);
});
