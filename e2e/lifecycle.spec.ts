// Issue 22, the admin side of the data lifecycle, against the real app, database and realtime
// server: an admin finds a contact who chatted, exports everything held about them, erases them
// (their words gone from the contact's page, the agent's transcript and the contact API; the
// audit log names the erasure); agents and supervisors are refused; "Data retention" saves.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { StaffClient, serverActionIds } from '../scripts/lib/staff-client';
import { sql } from './fixtures/db';
import { ACCOUNTS, signIn, uniqueName } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test, type World } from './fixtures/test';

const ADMIN = { email: 'admin@example.com', password: 'admin123!' };
const ACTIONS = 'app/(console)/admin/lifecycle-actions.ts';

async function adminPage(world: World, path: string): Promise<Page> {
  const page = await (await world.newContext()).newPage();
  await signIn(page, ADMIN, /\/admin$/);
  await page.goto(path);
  return page;
}

/** The lifecycle settings row as it was, put back after a test that saves it (0 = forever stays the default). */
async function lifecycleRow(): Promise<unknown> {
  return (await sql<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = 'lifecycle'`))[0]?.value ?? null;
}
async function restoreLifecycleRow(previous: unknown): Promise<void> {
  if (previous === null) await sql(`DELETE FROM "Setting" WHERE key = 'lifecycle'`);
  else await sql(`UPDATE "Setting" SET value = $1::jsonb WHERE key = 'lifecycle'`, [JSON.stringify(previous)]);
}

test('an admin finds a contact who chatted, exports their data, erases them; their words are gone and the erasure is audited', async ({ world }) => {
  test.setTimeout(150_000);
  const name = uniqueName('Erin');
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`;
  const words = `My secret plan ${uniqueName('w')}`;
  const contact = await world.contact();
  const session = await contact.start({ name, question: 'Please forget me afterwards', email });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await contact.expectChatting();
  await contact.send(words);
  await expect(alex.item(words)).toBeVisible();

  const admin = await adminPage(world, '/admin/contacts');
  await expect(admin.getByRole('link', { name: 'Contacts', exact: true })).toHaveAttribute('aria-current', 'page');
  const region = admin.getByRole('region', { name: 'Contacts' });
  await region.getByRole('searchbox', { name: 'Search contacts' }).fill(email);
  await region.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(region.getByRole('status')).toHaveText('1 contact found.');
  const row = region.getByRole('table', { name: 'Contacts found' }).getByRole('row').filter({ has: admin.getByRole('rowheader', { name }) });
  await expect(row).toContainText(email);

  // Export data: one JSON file holding the record and their words.
  const [download] = await Promise.all([admin.waitForEvent('download'), row.getByRole('link', { name: 'Export data' }).click()]);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    contact: { id: string; name: string; emails: { email: string }[] };
    chats: { id: string; transcript: { text: string | null }[] }[];
  };
  expect(exported.contact.name).toBe(name);
  expect(exported.contact.emails).toEqual([{ email }]);
  const chat = exported.chats.find((c) => c.id === session.chatId);
  expect(chat?.transcript.map((m) => m.text)).toContain(words);
  const contactId = exported.contact.id;

  // Erase contact → a confirmation dialog → Erase.
  await row.getByRole('button', { name: 'Erase contact' }).click();
  const dialog = admin.getByRole('dialog', { name: `Erase ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Erase', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(region.getByRole('status')).toHaveText(`${name} was erased (1 chat).`);
  await expect(region.getByRole('rowheader', { name })).toHaveCount(0);

  // The erased email finds nothing any more.
  await region.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(region.getByRole('status')).toHaveText('No contact found.');

  // Their words are gone: the contact API, the contact's own page after a reload, the agent's transcript.
  const api = await fetch(new URL(`/api/v1/chats/${session.chatId}`, e2eState().baseURL), { headers: { authorization: `Bearer ${session.secret}` } });
  const apiText = await api.text();
  expect(api.status, apiText).toBe(200);
  expect(apiText).not.toContain(words);
  expect(apiText).toContain('[erased]');
  await contact.page.reload();
  await expect(contact.item('[erased]').first()).toBeVisible();
  await expect(contact.transcript).not.toContainText(words);
  const agentView = await alex.page.request.get(`/api/interactions/${session.chatId}`);
  const agentText = await agentView.text();
  expect(agentView.status(), agentText).toBe(200);
  expect(agentText).not.toContain(words);
  expect(agentText).toContain('[erased]');
  // And the database holds neither the words nor the name nor the email.
  expect(await sql(`SELECT 1 FROM "Message" WHERE text LIKE $1`, [`%${words}%`])).toEqual([]);
  expect(await sql(`SELECT 1 FROM "ContactEmail" WHERE email = $1`, [email])).toEqual([]);
  expect(await sql(`SELECT 1 FROM "Contact" WHERE name = $1`, [name])).toEqual([]);

  // The audit log shows the erasure: who and which contact id, never what.
  await admin.goto(`/admin/audit?action=contact.erase&target=contact:${contactId}`);
  const audit = admin.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'contact.erase' });
  await expect(audit).toHaveCount(1);
  await expect(audit).toContainText('Ada Admin');
  await expect(audit).toContainText(`contact:${contactId}`);
  await expect(audit).not.toContainText(name);
});

test('agents and supervisors are refused the Contacts and Data retention pages, their actions and the export', async ({ world }) => {
  // A contact of this test's own (the demo data has none that is not some other test's).
  const someContact = { id: `crefused${Math.random().toString(36).slice(2, 12)}`, name: uniqueName('Rey') };
  await sql(`INSERT INTO "Contact" (id, name, "createdAt", "updatedAt") VALUES ($1, $2, now(), now())`, [someContact.id, someContact.name]);
  const ids = serverActionIds();
  for (const [account, home] of [
    [ACCOUNTS.agent1, /\/agent$/],
    [ACCOUNTS.supervisor, /\/supervisor$/],
  ] as const) {
    const page = await (await world.newContext()).newPage();
    await signIn(page, account, home);
    for (const path of ['/admin/contacts', '/admin/retention']) {
      await page.goto(path);
      await expect(page).toHaveURL(home);
    }
    const client = new StaffClient(e2eState().baseURL);
    await client.signIn(account.email, account.password);
    const settingsBefore = await lifecycleRow();
    const auditBefore = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`))[0]!.n;
    const search = await client.action<{ data?: unknown; serverError?: { code: string } }>('/admin/contacts', ids[`${ACTIONS}#searchContactsAction`]!, { query: 'example' });
    expect(search.result?.serverError?.code).toBe('forbidden');
    expect(search.result?.data).toBeUndefined();
    const save = await client.action<{ serverError?: { code: string } }>('/admin/retention', ids[`${ACTIONS}#saveLifecycleSettingsAction`]!, { keepAuditDays: 1 });
    expect(save.result?.serverError?.code).toBe('forbidden');
    const erase = await client.action<{ serverError?: { code: string } }>('/admin/contacts', ids[`${ACTIONS}#eraseContactAction`]!, { contactId: someContact.id });
    expect(erase.result?.serverError?.code).toBe('forbidden');
    expect((await client.fetch(`/api/admin/contacts/${someContact.id}/export`)).status).toBe(403);
    expect(await lifecycleRow()).toEqual(settingsBefore);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`))[0]!.n).toBe(auditBefore);
  }
  expect(await sql(`SELECT name FROM "Contact" WHERE id = $1`, [someContact.id])).toEqual([{ name: someContact.name }]);
  await sql(`DELETE FROM "Contact" WHERE id = $1`, [someContact.id]);
});

test('Data retention: days saved show after a reload; the dry run and a confirmed purge report per kind', async ({ world }) => {
  const previous = await lifecycleRow();
  try {
    const admin = await adminPage(world, '/admin/retention');
    const section = admin.getByRole('region', { name: 'Data retention' });
    // Far-off values: nothing in the shared test database is that old, so no test's data is purged.
    await section.getByLabel('Keep audit log (days)').fill('36000');
    await section.getByLabel('Keep transcripts (days)').fill('0');
    const [queue] = await sql<{ name: string }>(`SELECT name FROM "Queue" ORDER BY name LIMIT 1`);
    await section.getByLabel(queue!.name, { exact: true }).fill('35999');
    await expect(section.getByRole('switch', { name: 'Mask card numbers' })).toBeChecked();
    // Attachments and offline messages have registered purgers, so their fields show.
    await expect(section.getByLabel('Keep attachments (days)')).toBeVisible();
    await expect(section.getByLabel('Keep offline messages (days)')).toBeVisible();
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

    await admin.reload();
    await expect(section.getByLabel('Keep audit log (days)')).toHaveValue('36000');
    await expect(section.getByLabel(queue!.name, { exact: true })).toHaveValue('35999');
    await expect(section.getByLabel('Keep transcripts (days)')).toHaveValue('0');

    // A bad value is refused on its field and nothing is saved.
    await section.getByLabel('Keep audit log (days)').fill('-3');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByLabel('Keep audit log (days)')).toHaveAccessibleDescription('Enter a whole number of days from 0 to 36500.');
    expect((await lifecycleRow()) as { keepAuditDays: number }).toMatchObject({ keepAuditDays: 36000 });
    await admin.reload();

    await section.getByRole('button', { name: 'Dry run' }).click();
    const report = section.getByRole('status').filter({ hasText: 'What a purge would delete now' });
    await expect(report).toContainText('Transcripts (chats): nothing');
    await expect(report).toContainText('Audit log entries: nothing');

    const runsBefore = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'retention.purge'`))[0]!.n;
    await section.getByRole('button', { name: 'Purge now' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Purge expired data now?' });
    await confirm.getByRole('button', { name: 'Purge', exact: true }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Deleted by the purge' })).toContainText('Transcripts (chats): nothing');
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'retention.purge'`))[0]!.n).toBe(runsBefore + 1);
  } finally {
    await restoreLifecycleRow(previous);
  }
});

test('a card number typed by a contact shows masked to the agent, to the contact after a reload, and in the contact API', async ({ world }) => {
  test.setTimeout(90_000);
  const name = uniqueName('Cara');
  const contact = await world.contact();
  const session = await contact.start({ name, question: 'About my card' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await contact.expectChatting();
  await contact.messageBox.fill('My card is 4111 1111 1111 1111, thanks');
  await contact.page.getByRole('button', { name: 'Send' }).click();
  const masked = 'My card is •••• •••• •••• 1111, thanks';
  // The sender's own copy is replaced by the stored (masked) one.
  await expect(contact.item(masked)).toContainText('Sent');
  await expect(alex.item(masked)).toBeVisible();
  await expect(alex.transcript).not.toContainText('4111 1111 1111 1111');
  await contact.page.reload();
  await expect(contact.item(masked)).toBeVisible();
  await expect(contact.transcript).not.toContainText('4111 1111 1111 1111');
  const api = await (await fetch(new URL(`/api/v1/chats/${session.chatId}`, e2eState().baseURL), { headers: { authorization: `Bearer ${session.secret}` } })).text();
  expect(api).toContain('•••• •••• •••• 1111');
  expect(api.replace(/\D/g, '')).not.toContain('4111111111111111');
});

test('a fr-CA admin gets the Data retention section and the Contacts page in French', async ({ world }) => {
  const page = await (await world.newContext({ locale: 'fr-CA' })).newPage();
  await page.goto('/login');
  await page.getByLabel('Courriel').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/admin$/);
  const nav = page.getByRole('navigation').filter({ has: page.getByRole('link', { name: 'Conservation des données' }) });
  await nav.getByRole('link', { name: 'Conservation des données' }).click();
  const section = page.getByRole('region', { name: 'Conservation des données' });
  await expect(section.getByLabel('Conserver les transcriptions (jours)')).toBeVisible();
  await expect(section.getByRole('switch', { name: 'Masquer les numéros de carte' })).toBeChecked();
  await nav.getByRole('link', { name: 'Contacts', exact: true }).click();
  await expect(page.getByRole('searchbox', { name: 'Rechercher des contacts' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rechercher', exact: true })).toBeVisible();
});
