// Issue 18, business hours and offline messages, end to end against the real app, database, realtime
// server and the stack's local mail catcher: an admin sets hours for a queue that exclude now,
// /chat?queue=… then shows the offline form, the message is sent (once), it appears under
// "Offline messages", one agent takes it (another is refused), answers it, and the answer mail
// arrives. Each test makes its own queue, so the default queue the other specs use stays open.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { StaffClient, serverActionIds } from '../scripts/lib/staff-client';
import { sql } from './fixtures/db';
import { waitForMail } from './fixtures/mail';
import { ACCOUNTS, signIn, uniqueName } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test } from './fixtures/test';

const ADMIN = { email: 'admin@example.com', password: 'admin123!' };
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

async function expectNoSeriousViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
  expect(result.passes.length, `axe ran rules on ${what}`).toBeGreaterThan(10);
}

/** A queue of this test's own (no skill: any agent serves it). */
async function ownQueue(): Promise<{ id: string; name: string }> {
  const q = { id: `cqoff${Math.random().toString(36).slice(2, 12)}`, name: uniqueName('Offline Queue') };
  await sql(`INSERT INTO "Queue" (id, name, "isDefault") VALUES ($1, $2, false)`, [q.id, q.name]);
  return q;
}

async function storedSchedule(queueId: string): Promise<unknown> {
  const [row] = await sql<{ value: { queues?: Record<string, unknown> } }>(`SELECT value FROM "Setting" WHERE key = 'businessHours'`);
  return row?.value.queues?.[queueId] ?? null;
}

async function actionAs(client: StaffClient, name: 'takeOfflineMessageAction' | 'answerOfflineMessageAction', input: unknown) {
  const id = serverActionIds()[`app/(console)/offline-messages/actions.ts#${name}`];
  if (!id) throw new Error(`${name} not in the build's manifest`);
  return client.action<{ data?: unknown; serverError?: { code: string } }>('/offline-messages', id, input);
}

test('outside business hours /chat shows the offline form; the message is taken by one agent, answered, and the answer mail arrives', async ({ world }) => {
  test.setTimeout(180_000);
  const queue = await ownQueue();
  // Open one minute a week, three days from now (UTC): closed now whatever the day and hour.
  const openDay = DAYS[(new Date().getUTCDay() + 3) % 7]!;

  // The admin sets the hours in the Business hours section; a bad interval saves nothing.
  const adminCtx = await world.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, ADMIN, /\/admin$/);
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Business hours' }).click();
  await expect(admin.getByRole('heading', { name: 'Business hours' })).toBeVisible();
  const card = admin.getByRole('group', { name: `Queue ${queue.name}` });
  const alwaysOpen = card.getByRole('switch', { name: 'Always open' });
  await expect(alwaysOpen).toBeChecked(); // on by default
  await alwaysOpen.click();
  await card.getByLabel('Time zone', { exact: true }).fill('UTC');
  await card.getByRole('button', { name: 'Add hours' }).click();
  await card.getByRole('combobox', { name: 'Day', exact: true }).selectOption({ label: openDay });
  await card.getByRole('textbox', { name: 'Start', exact: true }).fill('03:00');
  await card.getByRole('textbox', { name: 'End', exact: true }).fill('03:00');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('alert')).toHaveText('An interval must not start and end at the same time.');
  await expect(admin.getByRole('status').filter({ hasText: 'Nothing was saved' })).toBeVisible();
  expect(await storedSchedule(queue.id)).toBeNull();
  await card.getByRole('textbox', { name: 'End', exact: true }).fill('03:01');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await storedSchedule(queue.id)).toEqual({ alwaysOpen: false, timeZone: 'UTC', intervals: [{ day: DAYS.indexOf(openDay), start: '03:00', end: '03:01' }], holidays: [] });
  const [audit] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'settings.businessHours' AND details::text LIKE $1`, [`%${queue.id}%`]);
  expect(audit!.n).toBeGreaterThanOrEqual(1);
  await admin.reload();
  await expect(admin.getByRole('group', { name: `Queue ${queue.name}` }).getByRole('switch', { name: 'Always open' })).not.toBeChecked();

  // The server refuses a chat in that queue, with a clear error.
  const refused = await fetch(new URL('/api/v1/chats', e2eState().baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Too Late', question: 'Anyone?', language: 'en', queue: queue.name }),
  });
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('queueOffline');

  // The contact gets the offline form instead of the start form, and sends it.
  const name = uniqueName('Olive');
  const email = `olive-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const text = `Please call me back ${Math.random().toString(36).slice(2, 8)}`;
  const contact = await world.contact();
  await contact.page.goto(`/chat?queue=${encodeURIComponent(queue.name)}`);
  await expect(contact.page.getByRole('button', { name: 'Send message' })).toBeVisible();
  await expect(contact.page.getByRole('button', { name: 'Start chat' })).toHaveCount(0);
  await expectNoSeriousViolations(contact.page, '/chat (offline form)');
  await contact.page.getByLabel('Name').fill(name);
  await contact.page.getByLabel('Email').fill(email);
  await contact.page.getByLabel('Message').fill(text);
  await contact.page.getByRole('button', { name: 'Send message' }).click();
  await expect(contact.page.getByRole('status')).toHaveText(`Thank you, your message was sent. We will answer you by email at ${email}.`);
  const stored = await sql<{ id: string; queueId: string; state: string }>(`SELECT id, "queueId", state FROM "OfflineMessage" WHERE email = $1`, [email]);
  expect(stored).toEqual([{ id: expect.any(String), queueId: queue.id, state: 'new' }]);
  const messageId = stored[0]!.id;

  // It appears under Offline messages; agent1 takes it.
  const alex = await world.agent('agent1');
  await alex.page.getByRole('link', { name: 'Offline messages' }).click();
  await expect(alex.page.getByRole('heading', { name: 'Offline messages' })).toBeVisible();
  const item = alex.page.getByRole('listitem').filter({ hasText: text });
  await expect(item).toContainText(queue.name);
  await expect(item).toContainText('New');
  await expect(item).toContainText('Nobody');
  await expect(item).toContainText(/\d+ minutes?/);
  await expectNoSeriousViolations(alex.page, '/offline-messages');
  await item.getByRole('button', { name: `Take message from ${name}` }).click();
  await expect(item).toContainText('In progress');
  await expect(item).toContainText('Alex (Agent One) (You)');

  // Another agent is refused: no take or answer in their page, and the server refuses both.
  const other = await world.agent('agent2');
  await other.page.goto('/offline-messages');
  const seen = other.page.getByRole('listitem').filter({ hasText: text });
  await expect(seen).toContainText('In progress');
  await expect(seen.getByRole('button')).toHaveCount(0);
  const agent2 = new StaffClient(e2eState().baseURL);
  await agent2.signIn(ACCOUNTS.agent2.email, ACCOUNTS.agent2.password);
  expect((await actionAs(agent2, 'takeOfflineMessageAction', { id: messageId })).result?.serverError?.code).toBe('conflict');
  expect((await actionAs(agent2, 'answerOfflineMessageAction', { id: messageId, answer: 'Not mine to answer' })).result?.serverError?.code).toBe('forbidden');
  expect(await sql(`SELECT state, answer FROM "OfflineMessage" WHERE id = $1`, [messageId])).toEqual([{ state: 'inProgress', answer: null }]);

  // The owner answers by email; the answer reaches the stack's mail catcher.
  const answer = `We will call you tomorrow at 10. ${Math.random().toString(36).slice(2, 6)}`;
  await item.getByLabel(`Answer by email to ${email}`).fill(answer);
  await item.getByRole('button', { name: 'Send answer' }).click();
  await expect(item).toContainText('Answered');
  await expect(item).toContainText(answer);
  const mail = await waitForMail({ to: email, subject: 'Re: your message' });
  expect(mail.text).toContain(answer);
  expect(mail.text).toContain(`> ${text}`);
  await expect(item).toContainText(/Email: (Queued|Sending|Sent)/);
  await expect
    .poll(async () => {
      await alex.page.reload();
      return alex.page.getByRole('listitem').filter({ hasText: text }).textContent();
    }, { message: 'the inbox shows the answer mail as sent', timeout: 20_000 })
    .toContain('Email: Sent');
  const audits = await sql<{ action: string }>(`SELECT action FROM "AuditLog" WHERE target = $1 ORDER BY "createdAt"`, [`offlineMessage:${messageId}`]);
  expect(audits.map((a) => a.action)).toEqual(['offlineMessage.receive', 'offlineMessage.take', 'offlineMessage.answer']);
});

test('inside business hours, with no agent of the queue logged in, /chat shows the offline form unless the admin turns that off', async ({ world }) => {
  test.setTimeout(120_000);
  // A queue whose skill nobody has: no agent of it is ever logged in.
  const queue = await ownQueue();
  const skill = { id: `csoff${Math.random().toString(36).slice(2, 12)}`, name: uniqueName('Offline Skill') };
  await sql(`INSERT INTO "Skill" (id, name) VALUES ($1, $2)`, [skill.id, skill.name]);
  await sql(`UPDATE "Queue" SET "skillId" = $1 WHERE id = $2`, [skill.id, queue.id]);
  const [before] = await sql<{ value: { offlineWhenNoAgent?: boolean } }>(`SELECT value FROM "Setting" WHERE key = 'businessHours'`);

  const adminCtx = await world.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, ADMIN, /\/admin$/);
  await admin.goto('/admin/business-hours');
  const card = admin.getByRole('group', { name: `Queue ${queue.name}` });
  await card.getByRole('switch', { name: 'Always open' }).click();
  await card.getByLabel('Time zone', { exact: true }).fill('UTC');
  // Open all of today (UTC): 00:00–12:00, and 12:00 to midnight (an end not after the start runs to midnight).
  const today = DAYS[new Date().getUTCDay()]!;
  for (const [start, end] of [['00:00', '12:00'], ['12:00', '12:00']] as const) {
    await card.getByRole('button', { name: 'Add hours' }).click();
    await card.getByRole('combobox', { name: 'Day', exact: true }).last().selectOption({ label: today });
    await card.getByRole('textbox', { name: 'Start', exact: true }).last().fill(start);
    await card.getByRole('textbox', { name: 'End', exact: true }).last().fill(end);
  }
  // 12:00–12:00 is empty: refused on the queue, nothing saved
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('alert')).toHaveText('An interval must not start and end at the same time.');
  expect(await storedSchedule(queue.id)).toBeNull();
  await card.getByRole('textbox', { name: 'End', exact: true }).last().fill('00:00');
  const noAgentSwitch = admin.getByRole('switch', { name: 'Offline form when no agent of the queue is logged in' });
  if (!(await noAgentSwitch.isChecked())) await noAgentSwitch.click();
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expectNoSeriousViolations(admin, '/admin/business-hours');

  try {
    const contact = await world.contact({ locale: 'fr-CA' });
    // Inside the hours: the form says nobody is available (not that we are closed).
    await contact.page.goto(`/chat?queue=${encodeURIComponent(queue.name)}`);
    await expect(contact.page.getByRole('button', { name: 'Envoyer le message' })).toBeVisible();
    await expect(contact.page.getByText('Personne n’est disponible pour le moment. Laissez-nous un message et nous vous répondrons par courriel.')).toBeVisible();
    await expectNoSeriousViolations(contact.page, '/chat (offline form, fr-CA)');

    // Turned off: the same queue takes chats (they wait in the queue, as before).
    await noAgentSwitch.click();
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect
      .poll(async () => {
        await contact.page.goto(`/chat?queue=${encodeURIComponent(queue.name)}`);
        return contact.page.getByRole('button', { name: 'Commencer le clavardage' }).count();
      }, { timeout: 10_000 })
      .toBe(1);
  } finally {
    // put the global switch back as it was
    await sql(`UPDATE "Setting" SET value = jsonb_set(value, '{offlineWhenNoAgent}', $1::jsonb) WHERE key = 'businessHours'`, [JSON.stringify(before?.value.offlineWhenNoAgent ?? true)]);
  }
});
