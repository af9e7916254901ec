// Issue 18, end to end against the real app, database, realtime server and mail catcher:
// 1. the pre-chat form per queue: an admin asks a required case-data field and a topic (skill) on
//    a queue of this test's own; the contact's /chat shows them under the field labels, refuses a
//    start without the required answer (nothing stored), and after a valid one the answers are the
//    chat's case data for the agent, and the chat is offered by the topic's skill (R1);
// 2. A12: an offline message and its email answer show in the contact's history on their next chat.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { sql } from './fixtures/db';
import { waitForMail } from './fixtures/mail';
import { signIn, uniqueName } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test } from './fixtures/test';

const ADMIN = { email: 'admin@example.com', password: 'admin123!' };
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function expectNoSeriousViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
  expect(result.passes.length, `axe ran rules on ${what}`).toBeGreaterThan(10);
}

/** A queue of this test's own, with no skill, always open (no business hours): other specs never see it. */
async function ownQueue(): Promise<{ id: string; name: string }> {
  const q = { id: `cqpre${Math.random().toString(36).slice(2, 12)}`, name: uniqueName('Prechat Queue') };
  await sql(`INSERT INTO "Queue" (id, name, "isDefault") VALUES ($1, $2, false)`, [q.id, q.name]);
  return q;
}

test('an admin’s pre-chat form: the contact answers it, a missing answer is refused, the agent sees the case data and routing honours the topic', async ({ world }) => {
  test.setTimeout(120_000);
  const queue = await ownQueue();

  // The admin asks Account number (required) and a topic from Billing, and not the language.
  const context = await world.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN, /\/admin/);
  await admin.goto('/admin/widget');
  const form = admin.getByRole('form', { name: `Pre-chat form: ${queue.name}` });
  const account = form.getByRole('group', { name: 'Account number' });
  await expect(account.getByRole('checkbox', { name: 'Required' })).toBeDisabled();
  await account.getByRole('checkbox', { name: 'Ask' }).check();
  await account.getByRole('checkbox', { name: 'Required' }).check();
  await form.getByRole('group', { name: 'Topic (skill) the visitor picks' }).getByRole('checkbox', { name: 'Billing', exact: true }).check();
  await form.getByRole('checkbox', { name: 'Visitor picks the chat language' }).uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved');
  await expectNoSeriousViolations(admin, '/admin/widget with the pre-chat forms');
  const [billing] = await sql<{ id: string }>(`SELECT id FROM "Skill" WHERE name = 'Billing'`);
  const [stored] = await sql<{ form: unknown }>(`SELECT value->'queues'->$1 AS form FROM "Setting" WHERE key = 'widget.prechat'`, [queue.id]);
  expect(stored!.form).toEqual({ fields: [{ key: 'accountNumber', required: true }], skillIds: [billing!.id], pickLanguage: false });
  expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'settings.prechatForm' AND target = $1`, [`queue:${queue.id}`])).toHaveLength(1);
  // Kept after a reload.
  await admin.reload();
  await expect(admin.getByRole('form', { name: `Pre-chat form: ${queue.name}` }).getByRole('group', { name: 'Account number' }).getByRole('checkbox', { name: 'Required' })).toBeChecked();
  await context.close();

  // The contact's form: the field under its label, the topic, no language question.
  const name = uniqueName('Petra');
  const contact = await world.contact();
  const page = contact.page;
  await page.goto(`/chat?queue=${encodeURIComponent(queue.name)}`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Question').fill('About my invoice');
  await expect(page.getByRole('textbox', { name: 'Account number' })).toBeVisible();
  await expect(page.getByLabel('Chat language')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Topic' }).selectOption({ label: 'Billing' });
  await expectNoSeriousViolations(page, '/chat with a pre-chat form');

  // Required and missing: a clear error on the field, nothing stored.
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Account number: this field is required.' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Account number' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Account number' }).fill('42a');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Account number: enter a number.' })).toBeVisible();
  expect(await sql(`SELECT 1 FROM "Interaction" WHERE "contactName" = $1`, [name])).toEqual([]);
  // The server refuses the same on its own (a client that skips the form's check).
  const direct = await fetch(`${e2eState().baseURL}/api/v1/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, question: 'About my invoice', language: 'en', queue: queue.name, skill: billing!.id }),
  });
  expect(direct.status).toBe(400);
  expect(((await direct.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalidInput', message: expect.stringContaining('accountNumber: required') });
  expect(await sql(`SELECT 1 FROM "Interaction" WHERE "contactName" = $1`, [name])).toEqual([]);

  await page.getByRole('textbox', { name: 'Account number' }).fill('4217');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByText('Waiting for an agent…')).toBeVisible();
  const session = await contact.readSession();
  const [chat] = await sql<{ requiredSkillId: string; language: string }>(`SELECT "requiredSkillId", language FROM "Interaction" WHERE id = $1`, [session.chatId]);
  expect(chat).toEqual({ requiredSkillId: billing!.id, language: 'en' });

  // R1: agent2 (no Billing skill) goes Ready first, so is the longest idle; the offer still goes to agent1, who has Billing.
  const support = await world.agent('agent2');
  await support.setState('Ready');
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await expect(alex.invitation(name)).toBeVisible();
  await expect(support.invitation(name)).toHaveCount(0);
  await alex.accept(name);
  await alex.setState('Not Ready – Break');
  await support.setState('Not Ready – Break');
  await contact.expectChatting();

  // The agent sees the answer among the chat's case data, under the field's label.
  const caseData = region(alex.page, 'Case data');
  await expect(caseData).toContainText('Account number');
  await expect(caseData).toContainText('4217');
  await expect(caseData).toContainText('About my invoice');
});

test('A12: an offline message and its email answer show in the contact’s history on their next chat', async ({ world }) => {
  test.setTimeout(120_000);
  const queue = await ownQueue();
  const name = uniqueName('Otto');
  const email = `otto-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const text = `Please call me about my order ${Math.random().toString(36).slice(2, 6)}`;

  // The contact leaves an offline message (the offline form's API; e2e/offline.spec.ts drives the form itself).
  const sent = await fetch(`${e2eState().baseURL}/api/v1/offline-messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientKey: `a12-${Math.random().toString(36).slice(2, 12)}`, name, email, message: text, queue: queue.name, locale: 'en' }),
  });
  expect(sent.status).toBe(201);

  // Agent1 takes it and answers by email; the answer reaches the mail catcher.
  const alex = await world.agent('agent1');
  await alex.page.goto('/offline-messages');
  const item = alex.page.getByRole('listitem').filter({ hasText: text });
  await item.getByRole('button', { name: `Take message from ${name}` }).click();
  await expect(item).toContainText('In progress');
  const answer = `We will call you on Monday. ${Math.random().toString(36).slice(2, 6)}`;
  await item.getByLabel(`Answer by email to ${email}`).fill(answer);
  await item.getByRole('button', { name: 'Send answer' }).click();
  await expect(item).toContainText('Answered');
  const mail = await waitForMail({ to: email, subject: 'Re: your message' });
  expect(mail.text).toContain(answer);

  // The same contact (matched by email) starts a chat; agent1 takes it and sees both in the history.
  const contact = await world.contact();
  await contact.page.goto(`/chat?queue=${encodeURIComponent(queue.name)}`);
  await contact.page.getByLabel('Name').fill(name);
  await contact.page.getByLabel('Email').fill(email);
  await contact.page.getByLabel('Question').fill('Following up');
  await contact.page.getByRole('button', { name: 'Start chat' }).click();
  await expect(contact.page.getByText('Waiting for an agent…')).toBeVisible();
  await contact.readSession();
  await alex.page.goto('/agent');
  await alex.setState('Ready');
  await alex.accept(name);
  await alex.setState('Not Ready – Break');
  const history = region(alex.page, 'Contact history');
  const offline = history.getByRole('list', { name: 'Offline messages' }).getByRole('listitem').filter({ hasText: text });
  await expect(offline).toContainText('Answered');
  await expect(offline).toContainText('Answered by Alex (Agent One)');
  await expect(offline).toContainText(answer);
});
