// The admin console (SPEC M1–M6) against the real app, database and realtime server: changes made
// in the admin pages reach open agent views and the contact's page, each is in the audit log, and
// only admins get in. Every test restores the demo data it changed.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Pusher from 'pusher';
import { StaffClient, serverActionIds } from '../scripts/lib/staff-client';
import { consoleSettings, restoreConsoleSettings, sql } from './fixtures/db';
import { ACCOUNTS, chooseOption, signIn, uniqueName } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test, type World } from './fixtures/test';

const ADMIN = { email: 'admin@example.com', password: 'admin123!' };

async function adminPage(world: World, path = '/admin'): Promise<Page> {
  const context = await world.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN, /\/admin$/);
  if (path !== '/admin') await page.goto(path);
  return page;
}

/** The audit log page filtered to one area: its table must show a row with all these texts. */
async function expectAudited(page: Page, area: string, ...texts: (string | RegExp)[]) {
  await page.goto(`/admin/audit?action=${area}`);
  const table = page.getByRole('table', { name: 'Audit log' });
  let rows = table.getByRole('row');
  for (const t of texts) rows = rows.filter({ hasText: t });
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('Ada Admin');
}

let previousSettings: Record<string, unknown> | null = null;
test.beforeEach(async () => {
  previousSettings = await consoleSettings();
});
test.afterEach(async () => {
  await restoreConsoleSettings(previousSettings);
});

test('the admin sets the pending intervals and an agent view already open follows them without a reload', async ({ world }) => {
  test.setTimeout(120_000);
  const name = uniqueName('Tim');
  const contact = await world.contact();
  await contact.start({ name, question: 'Timers, please' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await alex.setState('Not Ready – Break');
  let reloads = 0;
  alex.page.on('load', () => reloads++);

  const admin = await adminPage(world);
  const timers = admin.getByRole('region', { name: 'Timers' });
  await timers.getByLabel('Yellow after (seconds)').fill('5');
  await timers.getByLabel('Red after (seconds)').fill('10');
  await timers.getByRole('button', { name: 'Save' }).click();
  await expect(timers.getByRole('status')).toHaveText('Saved');

  // A contact message starts the indicator: green, then yellow at 5 s, red and blinking at 10 s
  // (the defaults, 30 s and 60 s, are far beyond these waits).
  await contact.send('Is anyone there?');
  const badge = alex.page.locator('header [data-pending]');
  await expect(badge).toHaveAttribute('data-pending', 'green');
  await expect(badge).toHaveText('Response pending');
  await expect(badge).toHaveAttribute('data-pending', 'yellow', { timeout: 15_000 });
  await expect(badge).toHaveText('Response pending — late');
  await expect(badge).toHaveAttribute('data-pending', 'red', { timeout: 15_000 });
  await expect(badge).toHaveText('Response overdue');
  await expect(badge.locator('.pending-blink')).toHaveCount(1);
  expect(reloads, 'the agent page was not reloaded').toBe(0);

  // A reply resets it.
  await alex.send('Yes, I am here.');
  await expect(badge).toHaveAttribute('data-pending', 'none');

  await expectAudited(admin, 'settings', /pendingYellowSec: \d+ → 5/, /pendingRedSec: \d+ → 10/);
});

test('validation errors show on their fields and nothing is saved', async ({ world }) => {
  const admin = await adminPage(world);
  const timers = admin.getByRole('region', { name: 'Timers' });
  const auditBefore = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`))[0]!.n;
  await timers.getByLabel('Yellow after (seconds)').fill('50');
  await timers.getByLabel('Red after (seconds)').fill('20');
  await timers.getByLabel('Invitation timeout (seconds)').fill('1');
  await timers.getByRole('button', { name: 'Save' }).click();
  await expect(timers.getByLabel('Red after (seconds)')).toHaveAccessibleDescription('Must be more than “Yellow after”.');
  await expect(timers.getByLabel('Invitation timeout (seconds)')).toHaveAccessibleDescription('Enter a number from 5 to 600.');
  await expect(timers.getByLabel('Red after (seconds)')).toHaveAttribute('aria-invalid', 'true');
  expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`))[0]!.n).toBe(auditBefore);
});

test('a nickname change shows on the contact’s page for the next chat', async ({ world }) => {
  test.setTimeout(90_000);
  const nickname = uniqueName('Robin');
  const admin = await adminPage(world, '/admin/nicknames');
  try {
    const nicknames = admin.getByRole('region', { name: 'Nicknames' });
    const row = nicknames.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'Agent Two' }) });
    // Before: the group's generic nickname.
    const preview = row.getByRole('status', { name: 'Contacts see' });
    await expect(preview).toHaveText('Support');
    await row.getByRole('textbox', { name: 'Nickname of Agent Two' }).fill(nickname);
    await expect(preview).toHaveText(nickname);
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

    const name = uniqueName('Nia');
    const contact = await world.contact();
    await contact.start({ name, question: 'Who will answer?' });
    const agent2 = await world.agent('agent2');
    await agent2.setState('Ready');
    await agent2.accept(name);
    await agent2.setState('Not Ready – Break');
    await expect(contact.item(`${nickname} joined the chat`)).toBeVisible();
    await agent2.send('Hello from your agent.');
    await expect(contact.item('Hello from your agent.')).toContainText(nickname);
    await expect(contact.item('Hello from your agent.')).not.toContainText('Agent Two');

    await expectAudited(admin, 'user', 'user.nickname', `— → ${nickname}`);
  } finally {
    await sql(`UPDATE "User" SET nickname = NULL WHERE email = $1`, [ACCOUNTS.agent2.email]);
  }
});

test('a new disposition code with "required" switched on blocks Mark Done until one is set', async ({ world }) => {
  test.setTimeout(90_000);
  const code = uniqueName('Callback');
  const name = uniqueName('Dora');
  const contact = await world.contact();
  await contact.start({ name, question: 'Dispositions' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await alex.setState('Not Ready – Break');
  await alex.button('End chat').click();
  await expect(alex.button('Mark Done')).toBeEnabled();

  const admin = await adminPage(world, '/admin/dispositions');
  try {
    const section = admin.getByRole('region', { name: 'Disposition codes' });
    await section.getByLabel('New code').fill(code);
    await section.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(section.getByRole('listitem').filter({ hasText: code })).toBeVisible();
    // Keyboard reorder: the new code (last) moves up one place with the keyboard.
    const up = section.getByRole('button', { name: `Move ${code} up` });
    await up.focus();
    await admin.keyboard.press('Enter');
    const items = section.getByRole('listitem');
    await expect(items.nth((await items.count()) - 2)).toContainText(code);
    await expect(up).toBeFocused();

    const required = section.getByRole('switch', { name: 'Disposition required' });
    await expect(required).not.toBeChecked();
    await required.click();
    await expect(required).toBeChecked();

    // The agent's open view follows: Mark Done is blocked, the new code is offered.
    await expect(alex.button('Mark Done')).toBeDisabled();
    await expect(alex.page.getByText('A disposition is required before Mark Done.')).toBeVisible();
    // The new code is offered in the agent's Disposition list (a listbox select).
    const disposition = alex.page.getByRole('combobox', { name: 'Disposition' });
    await chooseOption(alex.page, disposition, code);
    await expect(disposition).toHaveText(code);
    await expect(alex.button('Mark Done')).toBeEnabled();
    await alex.button('Mark Done').click();
    await expect(alex.tab(name)).toBeHidden();
    const [row] = await sql<{ name: string; status: string }>(
      `SELECT d.name, i.status::text AS status FROM "Interaction" i JOIN "DispositionCode" d ON d.id = i."dispositionId" JOIN "Contact" c ON c.id = i."contactId" WHERE c.name = $1`,
      [name],
    );
    expect(row).toEqual({ name: code, status: 'DONE' });

    await expectAudited(admin, 'disposition', 'disposition.create', code);
    await expectAudited(admin, 'disposition', 'disposition.reorder', code);
    await expectAudited(admin, 'settings', 'dispositionRequired: false → true');
  } finally {
    await sql(`UPDATE "Interaction" SET "dispositionId" = NULL WHERE "dispositionId" IN (SELECT id FROM "DispositionCode" WHERE name = $1)`, [code]);
    await sql(`DELETE FROM "DispositionCode" WHERE name = $1`, [code]);
    await sql(`WITH o AS (SELECT id, row_number() OVER (ORDER BY "sortOrder", name) - 1 AS n FROM "DispositionCode") UPDATE "DispositionCode" d SET "sortOrder" = o.n FROM o WHERE o.id = d.id`);
  }
});

test('a user created in the directory signs in with the right role and capacity', async ({ world }) => {
  test.setTimeout(90_000);
  const email = `${uniqueName('nina').replace(' ', '.')}@example.com`;
  const admin = await adminPage(world, '/admin/users');
  try {
    const users = admin.getByRole('region', { name: 'Users' });
    const form = users.getByRole('form', { name: 'New user' });
    // Per-field errors first.
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByLabel('Email')).toHaveAccessibleDescription('Enter a valid email address.');
    await expect(form.getByLabel('Password')).toHaveAccessibleDescription('At least 8 characters.');
    await expect(form.getByLabel('Name', { exact: true })).toHaveAccessibleDescription('Required.');

    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill('nina-pass-123');
    await form.getByLabel('Name', { exact: true }).fill('Nina Newhire');
    await form.getByLabel('Role').selectOption({ label: 'Agent' });
    await form.getByLabel('Group').selectOption({ label: 'Sales' });
    await form.getByLabel('Capacity (chats at once)').fill('5');
    await form.getByLabel('Nickname').fill('Nina');
    await form.getByRole('checkbox', { name: 'English' }).check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved');
    const row = users.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('Nina Newhire');
    await expect(row).toContainText('Sales');

    // The same email again is refused on its field.
    await form.getByLabel('Email').fill(email.toUpperCase());
    await form.getByLabel('Password').fill('nina-pass-123');
    await form.getByLabel('Name', { exact: true }).fill('Nina Again');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByLabel('Email')).toHaveAccessibleDescription('Already taken.');

    const context = await world.newContext();
    const page = await context.newPage();
    await signIn(page, { email, password: 'nina-pass-123' }, /\/agent$/);
    await expect(page.getByText('0 of 5 chats')).toBeVisible();
    const nav = page.getByRole('banner').getByRole('link');
    // An agent's pages only: their view and the offline messages (issue 18), never Admin or Supervisor.
    await expect(nav).toHaveText(['Agent', 'Offline messages']);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/agent$/);

    await expectAudited(admin, 'user', 'user.create', email, 'capacity: — → 5');
  } finally {
    await sql(`DELETE FROM "User" WHERE email = $1`, [email]);
  }
});

/** Whether anyone is subscribed to a channel, asked of the realtime server's HTTP API. */
async function occupied(channel: string): Promise<boolean> {
  const s = e2eState();
  const sdk = new Pusher({ appId: s.appEnv.PUSHER_APP_ID!, key: s.appEnv.PUSHER_KEY!, secret: s.appEnv.PUSHER_SECRET!, host: '127.0.0.1', port: String(s.realtime.port), useTLS: false });
  const res = await sdk.get({ path: `/channels/${channel}`, params: {} });
  return ((await res.json()) as { occupied: boolean }).occupied;
}

test('deactivating an agent who holds a live chat is refused; once free, deactivation cuts their connection', async ({ world }) => {
  test.setTimeout(90_000);
  const name = uniqueName('Dee');
  const contact = await world.contact();
  await contact.start({ name, question: 'Still there?' });
  const agent3 = await world.agent('agent3');
  await agent3.setState('Ready');
  await agent3.accept(name);
  await agent3.setState('Not Ready – Break');
  const [{ id }] = (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ACCOUNTS.agent3.email])) as [{ id: string }];
  await expect.poll(() => occupied(`private-user-${id}`)).toBe(true);

  const admin = await adminPage(world, '/admin/users');
  try {
    const users = admin.getByRole('region', { name: 'Users' });
    const active = users.getByRole('switch', { name: 'Agent Three active' });
    await expect(active).toBeChecked();
    await active.click();
    await expect(users.getByRole('alert')).toHaveText('This user still has live chats. They must finish or transfer them first.');
    await expect(active).toBeChecked();
    expect((await sql<{ active: boolean }>(`SELECT active FROM "User" WHERE id = $1`, [id]))[0]!.active).toBe(true);

    await agent3.button('End chat').click();
    await agent3.button('Mark Done').click();
    await expect(agent3.tab(name)).toBeHidden();
    await active.click();
    await expect(active).not.toBeChecked();
    await expect(users.getByRole('alert')).toHaveCount(0);
    // terminate_connections: the agent's page no longer holds its realtime connection.
    await expect.poll(() => occupied(`private-user-${id}`)).toBe(false);
    await expectAudited(admin, 'user', 'user.update', 'active: true → false');
  } finally {
    await sql(`UPDATE "User" SET active = true WHERE id = $1`, [id]);
  }
});

test('the audit log filters and exports CSV; the admin pages pass an accessibility check', async ({ world }) => {
  test.setTimeout(120_000); // seven pages, each loaded and scanned by axe, on a shared 2-core machine
  const admin = await adminPage(world);
  for (const path of ['/admin', '/admin/nicknames', '/admin/dispositions', '/admin/case-data', '/admin/users', '/admin/queues', '/admin/audit']) {
    await admin.goto(path);
    const results = await new AxeBuilder({ page: admin }).include('main').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} (${v.nodes.length})`);
    expect(serious, `accessibility of ${path}`).toEqual([]);
  }
  // The nav leads everywhere, including the standard responses page of the agent-workspace stream.
  const nav = admin.getByRole('navigation', { name: 'Administration' });
  await expect(nav.getByRole('link', { name: 'Standard responses' })).toHaveAttribute('href', '/admin/responses');
  for (const section of ['Nicknames', 'Disposition codes', 'Case data fields', 'Users', 'Groups', 'Skills', 'Queues', 'Routing points', 'Audit log']) {
    await nav.getByRole('link', { name: section }).click();
    await expect(admin.getByRole('heading', { name: section, level: 2 })).toBeVisible();
  }

  const client = new StaffClient(e2eState().baseURL);
  await client.signIn(ADMIN.email, ADMIN.password);
  const res = await client.fetch('/api/admin/audit?action=settings');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
  const csv = (await res.text()).replace(/^\uFEFF/, '');
  const [header, ...lines] = csv.trim().split('\r\n');
  expect(header).toBe('time,actor,actor_email,action,target,changes,before,after');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toContain('settings.update');
});

test('an agent and a supervisor are refused /admin and its actions', async ({ world }) => {
  for (const [account, home] of [
    [ACCOUNTS.agent1, /\/agent$/],
    [ACCOUNTS.supervisor, /\/supervisor$/],
  ] as const) {
    const context = await world.newContext();
    const page = await context.newPage();
    await signIn(page, account, home);
    for (const path of ['/admin', '/admin/users', '/admin/audit']) {
      await page.goto(path);
      await expect(page).toHaveURL(home);
    }
    await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);

    const client = new StaffClient(e2eState().baseURL);
    await client.signIn(account.email, account.password);
    const ids = serverActionIds();
    const before = await consoleSettings();
    const auditBefore = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`))[0]!.n;
    const save = await client.action<{ serverError?: { code: string } }>('/admin', ids['app/(console)/admin/actions.ts#saveTimersAction']!, {
      pendingYellowSec: 1,
      pendingRedSec: 2,
      invitationTimeoutSec: 5,
      transferTimeoutSec: 5,
      conferenceTimeoutSec: 5,
      consultTimeoutSec: 5,
      typingTimeoutSec: 2,
      serviceLevelSec: 1,
      monitoringVisible: true,
    });
    expect(save.result?.serverError?.code).toBe('forbidden');
    const add = await client.action<{ serverError?: { code: string } }>('/admin', ids['app/(console)/admin/actions.ts#addDispositionAction']!, { name: 'Sneaky' });
    expect(add.result?.serverError?.code).toBe('forbidden');
    expect((await client.fetch('/api/admin/audit')).status).toBe(403);
    expect(await consoleSettings()).toEqual(before);
    expect((await sql(`SELECT 1 FROM "DispositionCode" WHERE name = 'Sneaky'`)).length).toBe(0);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`))[0]!.n).toBe(auditBefore);
  }
});

test('skills, queues, routing points and case data fields: add with per-field errors, then remove', async ({ world }) => {
  test.setTimeout(90_000);
  const skill = uniqueName('Spanish');
  const queue = uniqueName('Spanish queue');
  const point = uniqueName('Spanish entry');
  const key = `field${Math.random().toString(36).slice(2, 8)}`;
  const admin = await adminPage(world, '/admin/skills');
  try {
    const skills = admin.getByRole('region', { name: 'Skills' });
    const newSkill = skills.getByRole('form', { name: 'New skill' });
    await newSkill.getByRole('button', { name: 'Add' }).click();
    await expect(newSkill.getByLabel('Skill name')).toHaveAccessibleDescription('Required.');
    await newSkill.getByLabel('Skill name').fill('English');
    await newSkill.getByRole('button', { name: 'Add' }).click();
    await expect(newSkill.getByLabel('Skill name')).toHaveAccessibleDescription('Already taken.');
    await newSkill.getByLabel('Skill name').fill(skill);
    await newSkill.getByRole('button', { name: 'Add' }).click();
    await expect(skills.getByRole('form', { name: skill })).toBeVisible();

    await admin.goto('/admin/queues');
    const queues = admin.getByRole('region', { name: 'Queues' });
    const newQueue = queues.getByRole('form', { name: 'New queue' });
    await newQueue.getByLabel('Queue name').fill(queue);
    await newQueue.getByLabel('Required skill').selectOption({ label: skill });
    await newQueue.getByRole('button', { name: 'Add' }).click();
    await expect(queues.getByRole('form', { name: queue }).getByLabel(`Required skill (${queue})`)).toHaveValue(/.+/);
    // The default queue cannot simply be unset.
    const main = queues.getByRole('form', { name: 'Main' });
    await main.getByLabel('Default queue (Main)').uncheck();
    await main.getByRole('button', { name: 'Save Main' }).click();
    await expect(main.getByRole('status')).toHaveText('One queue must stay the default: make another queue the default instead.');

    await admin.goto('/admin/routing-points');
    const points = admin.getByRole('region', { name: 'Routing points' });
    const newPoint = points.getByRole('form', { name: 'New routing point' });
    await newPoint.getByLabel('Routing point name').fill(point);
    await newPoint.getByLabel('Queue').selectOption({ label: queue });
    await newPoint.getByLabel('Skill').selectOption({ label: skill });
    await newPoint.getByRole('button', { name: 'Add' }).click();
    await expect(points.getByRole('form', { name: point })).toBeVisible();
    const [row] = await sql<{ queue: string; skill: string }>(
      `SELECT q.name AS queue, s.name AS skill FROM "RoutingPoint" r JOIN "Queue" q ON q.id = r."queueId" JOIN "Skill" s ON s.id = r."skillId" WHERE r.name = $1`,
      [point],
    );
    expect(row).toEqual({ queue, skill });

    // A skill still used by a queue cannot be deleted; removing in order works.
    await admin.goto('/admin/skills');
    const used = admin.getByRole('form', { name: skill });
    await used.getByRole('button', { name: `Delete ${skill}` }).click();
    await expect(used.getByRole('status')).toHaveText("It is still in use, so it can't be deleted.");
    await admin.goto('/admin/routing-points');
    await admin.getByRole('button', { name: `Delete ${point}` }).click();
    await expect(admin.getByRole('form', { name: point })).toBeHidden();
    await admin.goto('/admin/queues');
    await admin.getByRole('button', { name: `Delete ${queue}` }).click();
    await expect(admin.getByRole('form', { name: queue })).toBeHidden();
    await admin.goto('/admin/skills');
    await admin.getByRole('button', { name: `Delete ${skill}` }).click();
    await expect(admin.getByRole('form', { name: skill })).toBeHidden();

    // Case data fields: a list needs options; the key format is checked on its field.
    await admin.goto('/admin/case-data');
    const cases = admin.getByRole('region', { name: 'Case data fields' });
    await cases.getByRole('button', { name: 'New field' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New field' });
    await dialog.getByLabel('Key').fill('1 bad key');
    await dialog.getByLabel('English label').fill('Contract');
    await dialog.getByLabel('Type').selectOption({ label: 'One of a list' });
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await expect(dialog.getByLabel('Key')).toHaveAccessibleDescription(/Start with a letter/);
    await expect(dialog.getByLabel('Options (one per line)')).toHaveAccessibleDescription('A list needs at least one option.');
    await dialog.getByLabel('Key').fill(key);
    await dialog.getByLabel('French label').fill('Contrat');
    await dialog.getByLabel('Options (one per line)').fill('Monthly\nYearly');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await expect(dialog).toBeHidden();
    const fieldRow = cases.getByRole('row').filter({ hasText: key });
    await expect(fieldRow).toContainText('Contrat');
    await expect(fieldRow).toContainText('Monthly, Yearly');

    await expectAudited(admin, 'skill', 'skill.delete', skill);
    await expectAudited(admin, 'routingPoint', 'routingPoint.create', point, `skill: — → ${skill}`);
    await expectAudited(admin, 'caseField', 'caseField.create', key);
  } finally {
    await sql(`DELETE FROM "RoutingPoint" WHERE name = $1`, [point]);
    await sql(`DELETE FROM "Queue" WHERE name = $1`, [queue]);
    await sql(`DELETE FROM "Skill" WHERE name = $1`, [skill]);
    await sql(`DELETE FROM "CaseDataField" WHERE key = $1`, [key]);
  }
});
