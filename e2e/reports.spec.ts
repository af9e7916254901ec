// Supervisor reports (issue 20) against the real app, database and realtime server: three chats
// handled by agent1, one rated 4, shown in today's report (drill-down) with the rating; Export
// CSV with one row per chat; Agent activity with agent1's Ready time; an agent refused; axe.
import AxeBuilder from '@axe-core/playwright';
import { finishChats, sql } from './fixtures/db';
import { ACCOUNTS, signIn, uniqueName, type ChatSession } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { rangeOf } from '../lib/reports/intervals';
import { expect, test } from './fixtures/test';

async function apiStart(name: string, question: string): Promise<ChatSession> {
  const res = await fetch(new URL('/api/v1/chats', e2eState().baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, question, language: 'en' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as ChatSession;
}

async function apiEnd(s: ChatSession): Promise<void> {
  const res = await fetch(new URL(`/api/v1/chats/${s.chatId}/end`, e2eState().baseURL), {
    method: 'POST',
    headers: { authorization: `Bearer ${s.secret}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.ok).toBe(true);
}

test('three handled chats, one rated 4, in today’s report, its CSV and agent activity; an agent is refused; axe', async ({ world }) => {
  test.setTimeout(180_000);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const names = [uniqueName('Rep'), uniqueName('Rep'), uniqueName('Rep')];
  const sessions: ChatSession[] = [];
  for (const name of names) {
    const s = await apiStart(name, 'Report question');
    world.track(s);
    sessions.push(s);
    await alex.accept(name);
    await alex.send(`Hello ${name}`);
  }
  await alex.setState('Not Ready – Break');
  for (const s of sessions) await apiEnd(s);
  await finishChats(sessions.map((s) => s.chatId));
  await sql(`UPDATE "Interaction" SET rating = 4, "ratedAt" = now() WHERE id = $1`, [sessions[0]!.chatId]);

  // The supervisor: Reports from the navigation, today's figures, drill-down to the handled chats.
  const context = await world.newContext();
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.supervisor, /\/supervisor$/);
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await page.waitForURL(/\/supervisor\/reports/);
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  // The charts (uPlot, loaded in the browser) draw on a canvas next to their tables.
  for (const chart of ['volume', 'handle']) {
    const canvas = page.locator(`[data-chart="${chart}"][aria-hidden="true"] canvas`);
    await expect(canvas).toBeVisible();
    expect(await canvas.evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0)).toBe(true);
  }
  await expect(page.getByRole('table', { name: 'Volume and service level per interval' })).toBeVisible();
  const perAgent = page.getByRole('region', { name: 'Per agent' });
  await perAgent.getByRole('link', { name: 'Handled, Agent One: show the chats' }).click();
  const drill = page.getByRole('region', { name: /Chats behind “Handled”/ });
  for (const name of names) await expect(drill.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  await page.getByRole('region', { name: 'Overall' }).getByRole('link', { name: /^Ratings, Overall/ }).click();
  const rated = page.getByRole('region', { name: /Chats behind “Ratings”/ }).getByRole('row', { name: new RegExp(names[0]!) });
  await expect(rated).toContainText('4');
  await expect(page.getByRole('region', { name: /Chats behind “Ratings”/ }).getByRole('row', { name: new RegExp(`${names[1]}|${names[2]}`) })).toHaveCount(0);

  // Export CSV: one row per chat (each of ours exactly once, with its rating).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  const csv = (await (await download.createReadStream()).toArray()).map(String).join('');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toContain('id,contact,queue,agents');
  const ids = lines.slice(1).map((l) => l.split(',')[0]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const [i, s] of sessions.entries()) {
    const mine = lines.filter((l) => l.startsWith(`${s.chatId},`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(names[i]!);
  }
  expect(lines.find((l) => l.startsWith(`${sessions[0]!.chatId},`))!.split(',').at(-2)).toBe('4');

  // The figures table as CSV: overall, per queue and per agent rows; Agent One handled our three.
  const [figures] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export figures (CSV)' }).click()]);
  const figureLines = (await (await figures.createReadStream()).toArray()).map(String).join('').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(figureLines[0]).toBe('scope,name,offered,accepted,abandoned,handled,asa_s,avg_first_response_s,avg_handle_s,service_level,late_responses,transfers,conferences,consultations,avg_rating,ratings');
  expect(Number(figureLines.find((l) => l.startsWith('overall,'))!.split(',')[2])).toBeGreaterThanOrEqual(3);
  expect(Number(figureLines.find((l) => l.startsWith('agent,Agent One,'))!.split(',')[5])).toBeGreaterThanOrEqual(3);
  expect(figureLines.some((l) => l.startsWith('queue,'))).toBe(true);

  await expectNoSerious(page, 'reports');

  // Agent activity: agent1's Ready time today (they were Ready while taking the chats).
  await page.getByRole('link', { name: 'Agent activity' }).click();
  await page.waitForURL(/\/supervisor\/reports\/activity/);
  const row = page.getByRole('region', { name: 'Per agent' }).getByRole('row', { name: /Agent One/ });
  await expect(row).toBeVisible();
  const readyCell = row.getByRole('cell').first();
  await expect(readyCell).not.toHaveText('0:00');
  await expect(page.getByRole('region', { name: 'State history' }).getByRole('cell', { name: 'Ready', exact: true }).first()).toBeVisible();
  await expectNoSerious(page, 'agent activity');

  // An agent is refused: the page sends them home, the export answers 403.
  await alex.page.goto('/supervisor/reports');
  await alex.page.waitForURL(/\/agent$/);
  const refused = await alex.page.request.get('/api/supervisor/reports/export');
  expect(refused.status()).toBe(403);
  expect((await alex.page.request.get('/api/supervisor/reports/figures')).status()).toBe(403);
});

async function apiSay(s: ChatSession, text: string): Promise<void> {
  const res = await fetch(new URL(`/api/v1/chats/${s.chatId}/messages`, e2eState().baseURL), {
    method: 'POST',
    headers: { authorization: `Bearer ${s.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: `rep-${Math.random().toString(36).slice(2)}`, text }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

test('Search transcripts finds a word said in one chat, only that chat, and opens it with the hit in view; an agent is refused; axe', async ({ world }) => {
  test.setTimeout(180_000);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  // A word no other chat has, said with an accent; searched without it.
  const tag = Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6).padEnd(6, 'q');
  const names = [uniqueName('Search'), uniqueName('Search')];
  const sessions: ChatSession[] = [];
  for (const name of names) {
    const s = await apiStart(name, 'Search question');
    world.track(s);
    sessions.push(s);
    await alex.accept(name);
  }
  await apiSay(sessions[0]!, `Je n’ai pas reçu le colis zéphyr${tag}, il est abîmé`);
  // Later lines, so the hit is not simply at the bottom where a transcript opens.
  for (let i = 1; i <= 30; i++) await apiSay(sessions[0]!, `Ligne suivante numéro ${i}`);
  await apiSay(sessions[1]!, `Another chat, about the quokka${tag} instead`);
  await alex.setState('Not Ready – Break');
  for (const s of sessions) await apiEnd(s);
  await finishChats(sessions.map((s) => s.chatId));

  const context = await world.newContext();
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.supervisor, /\/supervisor$/);
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await page.waitForURL(/\/supervisor\/reports/);
  await page.getByRole('link', { name: 'Search transcripts' }).click();
  await page.waitForURL(/\/supervisor\/reports\/search/);
  await page.getByRole('searchbox', { name: 'Search transcripts' }).fill(`zephyr${tag}`);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(new RegExp(`q=zephyr${tag}`));
  const results = page.getByRole('table', { name: 'Results' });
  const rows = results.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(names[0]!);
  await expect(rows.first()).toContainText('Agent One');
  await expect(rows.first().locator('mark')).toHaveText(`zéphyr${tag}`);
  await expect(results).not.toContainText(names[1]!);
  await expectNoSerious(page, 'transcript search');

  // Opening it shows the transcript, read-only, with the hit marked and in view.
  await rows.first().getByRole('link', { name: new RegExp(`^Open the transcript of ${names[0]}`) }).click();
  await page.waitForURL(new RegExp(`/supervisor/reports/chats/${sessions[0]!.chatId}`));
  await expect(page.getByRole('heading', { level: 1, name: `Transcript: ${names[0]}` })).toBeVisible();
  const log = page.getByRole('log', { name: 'Transcript' });
  const hit = log.locator('[aria-current="true"]');
  await expect(hit).toContainText(`zéphyr${tag}`);
  await expect(hit).toContainText('Search hit');
  await expect(hit).toBeInViewport();
  await expect(log.getByText('Ligne suivante numéro 30', { exact: true })).not.toBeInViewport();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectNoSerious(page, 'read-only transcript');

  // The drill-down opens a chat's transcript the same way.
  await page.goto('/supervisor/reports?range=today');
  await page.getByRole('region', { name: 'Overall' }).getByRole('link', { name: /^Offered, Overall/ }).click();
  await page.getByRole('region', { name: /Chats behind “Offered”/ }).getByRole('link', { name: new RegExp(`^Open the transcript of ${names[1]}`) }).click();
  await expect(page.getByRole('log', { name: 'Transcript' })).toContainText(`quokka${tag}`);

  // An agent is refused: the pages send them home, the search route answers 403.
  for (const path of [`/supervisor/reports/search?q=zephyr${tag}`, `/supervisor/reports/chats/${sessions[0]!.chatId}`]) {
    await alex.page.goto(path);
    await alex.page.waitForURL(/\/agent$/);
  }
  const refused = await alex.page.request.get(`/api/supervisor/reports/search?q=zephyr${tag}`);
  expect(refused.status()).toBe(403);
});

const ADMIN = { email: 'admin@example.com', password: 'admin123!' };
const frDate = new Intl.DateTimeFormat('fr-CA', { timeZone: 'America/Toronto', dateStyle: 'medium' });
// fr-CA dates ("3 déc. 2026, 15 h 12") and numbers ("50 %", "4,0"), never the English forms.
const FR_DATE_TIME = /\d{1,2} [a-zéû]+\.? \d{4}, \d{1,2} h \d{2}/;

test('in French (fr-CA): the reports page, Search transcripts and Agent activity, with dates and numbers in the locale; axe', async ({ world }) => {
  test.setTimeout(180_000);
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const tag = Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6).padEnd(6, 'q');
  const name = uniqueName('Rapport');
  const s = await apiStart(name, 'Question');
  world.track(s);
  await alex.accept(name);
  await apiSay(s, `Ma commande hippocampe${tag} est arrivée abîmée`);
  await alex.setState('Not Ready – Break');
  await apiEnd(s);
  await finishChats([s.chatId]);
  await sql(`UPDATE "Interaction" SET rating = 4, "ratedAt" = now() WHERE id = $1`, [s.chatId]);

  const page = await (await world.newContext({ locale: 'fr-CA' })).newPage();
  await page.goto('/login');
  await page.getByLabel('Courriel').fill(ACCOUNTS.supervisor.email);
  await page.getByLabel('Mot de passe').fill(ACCOUNTS.supervisor.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/supervisor$/);

  // Reports: French headings, the period in fr-CA dates, percentages and averages in fr-CA numbers.
  await page.getByRole('link', { name: 'Rapports', exact: true }).click();
  await page.waitForURL(/\/supervisor\/reports/);
  await page.goto('/supervisor/reports?range=today&tz=America%2FToronto');
  await expect(page.getByRole('heading', { name: 'Rapports', level: 1 })).toBeVisible();
  const { from, to } = rangeOf('today', new Date(), 'America/Toronto');
  const when = new Intl.DateTimeFormat('fr-CA', { timeZone: 'America/Toronto', dateStyle: 'medium', timeStyle: 'short' });
  await expect(page.getByText(`Du ${when.format(from)} au ${when.format(to)} (America/Toronto)`, { exact: true })).toBeVisible();
  const overall = page.getByRole('region', { name: 'Global' });
  await expect(overall.getByRole('columnheader', { name: /Niveau de service/ })).toBeVisible();
  const overallText = await overall.getByRole('table').first().innerText();
  expect(overallText).toMatch(/\d+\u00a0%/); // the service level: "100 %", not "100%"
  expect(overallText).toMatch(/\d,\d/); // the average rating: "4,0", not "4.0"
  expect(overallText).not.toMatch(/\d\.\d/);
  await expect(page.getByRole('link', { name: 'Exporter en CSV' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Volume et niveau de service par intervalle' })).toBeVisible();
  await overall.getByRole('link', { name: /^Évaluations, Global : afficher les clavardages/ }).click();
  const rated = page.getByRole('region', { name: /Clavardages derrière « Évaluations »/ }).getByRole('row', { name: new RegExp(name) });
  await expect(rated).toContainText(frDate.format(new Date()));
  await expect(rated).toContainText(FR_DATE_TIME);
  await expectNoSerious(page, 'reports (fr-CA)');

  // Search transcripts, in French: the result's date in fr-CA.
  await page.getByRole('link', { name: 'Rechercher dans les transcriptions' }).click();
  await page.waitForURL(/\/supervisor\/reports\/search/);
  await page.getByRole('searchbox', { name: 'Rechercher dans les transcriptions' }).fill(`hippocampe${tag}`);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.waitForURL(new RegExp(`q=hippocampe${tag}`));
  const rows = page.getByRole('table', { name: 'Résultats' }).getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(name);
  await expect(rows.first()).toContainText(FR_DATE_TIME);
  await expect(rows.first().getByRole('link', { name: new RegExp(`^Ouvrir la transcription de ${name}, \\d{1,2} [a-zéû]+\\.? \\d{4}`) })).toBeVisible();
  await expectNoSerious(page, 'transcript search (fr-CA)');

  // Agent activity, in French: states, durations, the occupancy as a fr-CA percentage, dates in fr-CA.
  await page.goto('/supervisor/reports?range=today&tz=America%2FToronto');
  await page.getByRole('link', { name: 'Activité des agents' }).click();
  await page.waitForURL(/\/supervisor\/reports\/activity/);
  await expect(page.getByRole('heading', { name: 'Activité des agents', level: 1 })).toBeVisible();
  const agentRow = page.getByRole('region', { name: 'Par agent' }).getByRole('row', { name: /Agent One/ });
  await expect(agentRow).toBeVisible();
  await expect(agentRow.getByRole('cell').first()).not.toHaveText('0:00');
  const occupancy = await agentRow.getByRole('cell').nth(-2).innerText();
  expect(occupancy).toMatch(/^(\d+\u00a0%|—)$/);
  const history = page.getByRole('region', { name: 'Historique des états' });
  await expect(history.getByRole('cell', { name: 'Prêt', exact: true }).first()).toBeVisible();
  await expect(history).toContainText(frDate.format(new Date()));
  await expect(history).toContainText(/\d{1,2} h \d{2} min \d{1,2} s/);
  await expectNoSerious(page, 'agent activity (fr-CA)');
});

test("the admin's default time zone for reports: set in admin settings, used when the supervisor's browser sends none", async ({ world }) => {
  test.setTimeout(120_000);
  const admin = await (await world.newContext()).newPage();
  await signIn(admin, ADMIN, /\/admin$/);
  const section = admin.getByRole('region', { name: 'Reports' });
  const zone = section.getByLabel('Default time zone for reports');
  // Whatever it was (America/Toronto unless another spec on this stack changed it), it is restored at the end.
  const initial = await zone.inputValue();
  const target = initial === 'Asia/Tokyo' ? 'Pacific/Auckland' : 'Asia/Tokyo';
  await zone.selectOption(target);
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved');
  await admin.reload();
  await expect(zone).toHaveValue(target);
  const audit = await sql<{ details: unknown }>(`SELECT details FROM "AuditLog" WHERE target = 'settings:console' AND action = 'settings.update' ORDER BY "createdAt" DESC LIMIT 1`);
  expect(audit[0]!.details).toEqual({ before: { reportsTimeZone: initial }, after: { reportsTimeZone: target } });
  await expectNoSerious(admin, 'admin settings');

  try {
    // The supervisor opens the reports without a zone in the address: the admin's zone's today.
    const page = await (await world.newContext()).newPage();
    await signIn(page, ACCOUNTS.supervisor, /\/supervisor$/);
    await page.goto('/supervisor/reports');
    await expect(page.getByText(new RegExp(`^From .* \\(${target.replace('/', '\\/')}\\)$`))).toBeVisible();
    // The browser's zone, once the filters are applied, wins over the default.
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/tz=/);
    const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect(page.getByText(new RegExp(`^From .* \\(${browserZone.replace('/', '\\/')}\\)$`))).toBeVisible();
  } finally {
    await zone.selectOption(initial);
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByRole('status')).toHaveText('Saved');
  }
});

async function expectNoSerious(page: import('@playwright/test').Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}
