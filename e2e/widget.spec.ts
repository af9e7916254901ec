// The website widget (issue 18), embedded on a real second origin: a tiny node:http site on
// http://localhost:<port> (the app is on 127.0.0.1) loads /widget.js. The admin lists that
// origin under Allowed origins; the launcher opens the chat, it runs both ways with an agent, it
// resumes on another page of the site, and a site not listed cannot frame it. axe on the widget.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { FrameLocator, Page } from '@playwright/test';
import { sql } from './fixtures/db';
import { signIn, transcriptItems, uniqueName, type ChatSession } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test, type World } from './fixtures/test';

const ADMIN = { email: 'admin@example.com', password: 'admin123!' };
const APP = () => e2eState().baseURL;

/** A static site: every path is a page of it that embeds the widget with the one-line snippet. */
async function hostSite(extraHead = ''): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/framed.html') {
      // A page that frames the widget page directly (no loader).
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>Framer</title></head><body><main><h1>Framer</h1><iframe id="direct" title="Direct" src="${APP()}/widget"></iframe></main></body></html>`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Shop ${path}</title>${extraHead}</head>
<body><main><h1>Shop page ${path}</h1><p>Our products.</p><a href="/other.html">Another page</a></main>
<script src="${APP()}/widget.js" async></script></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function setAllowedOrigins(world: World, text: string): Promise<string> {
  const context = await world.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN, /\/admin/);
  await page.goto('/admin/widget');
  // The page also holds the per-queue pre-chat forms, each with its own Save.
  const section = page.getByRole('region', { name: 'Website widget' });
  const field = section.getByLabel('Allowed origins');
  // A line that is not an origin is refused with the line named, and nothing is saved.
  await field.fill('https://ok.example\nhttps://bad.example/path');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('Not origins: https://bad.example/path')).toBeVisible();
  await field.fill(text);
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  // The identity secret: generated, shown once. Rotating an existing one asks first, in an
  // alertdialog with Cancel focused; Cancel changes nothing.
  const rotate = section.getByRole('button', { name: 'Rotate secret' });
  if (await rotate.isVisible()) {
    const before = await sql<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = 'widget.secret'`);
    await rotate.click();
    const dialog = page.getByRole('alertdialog', { name: 'Rotate the secret?' });
    await expect(dialog).toContainText('stops verifying at once');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(rotate).toBeFocused();
    await expect(page.getByLabel('New secret')).toHaveCount(0);
    expect(await sql<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = 'widget.secret'`)).toEqual(before);
    await rotate.click();
    await dialog.getByRole('button', { name: 'Rotate' }).click();
  } else {
    await section.getByRole('button', { name: 'Generate secret' }).click();
  }
  const secretBox = page.getByLabel('New secret');
  await expect(secretBox).toHaveValue(/^[A-Za-z0-9_-]{40,}$/);
  const secret = await secretBox.inputValue();
  await page.reload();
  await expect(page.getByLabel('New secret')).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  await context.close();
  return secret;
}

const launcher = (page: Page) => page.getByRole('button', { name: /^Chat with us/ });
const widget = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');
const item = (frame: FrameLocator, text: string) => transcriptItems(frame.getByRole('log', { name: 'Transcript' })).filter({ hasText: text });

/** Records the widget's events on this page (after each navigation: the page's own state). */
async function watchEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { ChatConsole: { on(t: string, f: (d: unknown) => void): void }; seen: unknown[] };
    w.seen = [];
    for (const t of ['open', 'close', 'message', 'unread']) w.ChatConsole.on(t, (d) => w.seen.push([t, d && typeof d === 'object' ? (d as { text?: string }).text : d]));
  });
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen);

/** The chat the host page keeps for the widget (first-party: the cross-site iframe has no storage). */
async function sessionIn(page: Page): Promise<ChatSession> {
  const read = () => page.evaluate(() => localStorage.getItem('chatconsole:session'));
  await expect.poll(read, { message: 'the host page keeps the chat session' }).not.toBeNull();
  return JSON.parse((await read())!) as ChatSession;
}

test.describe.configure({ mode: 'serial' });

let previousOrigins: unknown;
test.beforeAll(async () => {
  const [row] = await sql<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = 'widget.origins'`);
  previousOrigins = row?.value ?? null;
});
test.afterAll(async () => {
  if (previousOrigins === null) await sql(`DELETE FROM "Setting" WHERE key = 'widget.origins'`);
  else await sql(`UPDATE "Setting" SET value = $1 WHERE key = 'widget.origins'`, [previousOrigins]);
});

test('the launcher opens the widget on another origin; the chat runs both ways and resumes on another page', async ({ world }) => {
  test.setTimeout(150_000);
  const site = await hostSite();
  const other = await hostSite();
  try {
    const secret = await setAllowedOrigins(world, `${site.origin}\n`);

    // Headers: /widget may be framed by the allowed origin only; every other page by nobody.
    const w = await fetch(`${APP()}/widget`);
    expect(w.headers.get('x-frame-options')).toBeNull();
    expect(w.headers.get('content-security-policy')).toMatch(new RegExp(`frame-ancestors ${site.origin.replace(/[.:/]/g, '\\$&')}(;|$)`));
    for (const path of ['/', '/chat', '/login', '/widget.js', '/widgetx']) {
      const r = await fetch(`${APP()}${path}`, { redirect: 'manual' });
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
    }
    expect((await fetch(`${APP()}/chat`)).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const name = uniqueName('Wendy');
    const email = `${name.replace(' ', '.').toLowerCase()}@example.org`;
    const visitor = await world.newContext();
    const page = await visitor.newPage();
    await page.goto(`${site.origin}/index.html`);
    await expect(launcher(page)).toBeVisible();
    // Nothing heavy before the first open: no iframe yet.
    await expect(page.locator('iframe')).toHaveCount(0);
    // The one global, its API and events.
    expect(await page.evaluate(() => Object.keys((window as unknown as { ChatConsole: object }).ChatConsole).sort())).toEqual(
      ['close', 'identify', 'isOpen', 'off', 'on', 'open', 'setLocale', 'toggle'].sort(),
    );
    await watchEvents(page);
    await page.evaluate(
      ([n, e, h]) => (window as unknown as { ChatConsole: { identify(i: object): void } }).ChatConsole.identify({ name: n, email: e, hash: h }),
      [name, email, createHmac('sha256', secret).update(email).digest('hex')],
    );

    await launcher(page).click();
    await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');
    const frame = widget(page);
    // identify() pre-filled the form (the same accessible names as /chat).
    await expect(frame.getByLabel('Name')).toHaveValue(name);
    await expect(frame.getByLabel('Email')).toHaveValue(email);
    await expect(frame.getByLabel('Phone')).toBeVisible();
    await frame.getByLabel('Question').fill('Do you ship to Québec?');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    await expect(frame.getByText(/^Waiting for an agent…/)).toBeVisible();
    world.track(await sessionIn(page));

    const alex = await world.agent('agent1');
    await alex.setState('Ready');
    await alex.accept(name);
    await expect(frame.getByText('You are chatting with an agent.')).toBeVisible();
    await frame.getByRole('textbox', { name: 'Message' }).fill('Hello from the shop page.');
    await frame.getByRole('button', { name: 'Send' }).click();
    await expect(item(frame, 'Hello from the shop page.')).toContainText('Sent');
    await expect(alex.item('Hello from the shop page.')).toBeVisible();
    await alex.send('Yes, we ship everywhere in Québec.');
    await expect(item(frame, 'Yes, we ship everywhere in Québec.')).toContainText('Alex');
    await expect.poll(() => seen(page)).toContainEqual(['message', 'Yes, we ship everywhere in Québec.']);
    expect(await seen(page)).toContainEqual(['open', undefined]);

    // Another page of the same site: open again, with the whole transcript.
    await page.goto(`${site.origin}/other.html`);
    await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');
    const again = widget(page);
    await expect(item(again, 'Hello from the shop page.')).toBeVisible();
    await expect(item(again, 'Yes, we ship everywhere in Québec.')).toBeVisible();
    await expect(again.getByRole('button', { name: 'End chat' })).toBeVisible();

    // Closed, a new agent message counts as unread on the launcher's badge.
    await launcher(page).click();
    await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
    await watchEvents(page);
    await alex.send('Anything else?');
    await expect(launcher(page)).toHaveText(/Chat with us\s*1$/);
    await expect.poll(() => seen(page)).toEqual([
      ['unread', 1],
      ['message', 'Anything else?'],
    ]);

    // A third page while closed and a chat is live: still closed, and still counting.
    await page.goto(`${site.origin}/third.html`);
    await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('iframe[title="Chat"]')).toBeHidden();
    // The hidden chat has loaded (its transcript is there) before the agent writes again.
    await expect(widget(page).locator('[role="log"]')).toContainText('Anything else?');
    await alex.send('Just checking in.');
    await expect(launcher(page)).toHaveText(/Chat with us\s*1$/);
    await launcher(page).click();
    await expect(item(widget(page), 'Just checking in.')).toBeVisible();
    await expect(launcher(page)).toHaveText(/^Chat with us$/);

    // axe on the host page with the launcher and the open widget (its iframe is analysed too).
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, 'axe on the widget').toEqual([]);
    expect(result.passes.length).toBeGreaterThan(10);

    // setLocale: the launcher and the chat switch to Canadian French, the chat still the same one.
    await page.evaluate(() => (window as unknown as { ChatConsole: { setLocale(l: string): void } }).ChatConsole.setLocale('fr-CA'));
    await expect(page.getByRole('button', { name: /^Clavarder avec nous/ })).toBeVisible();
    const fr = page.frameLocator('iframe[title="Clavardage"]');
    await expect(fr.getByRole('log')).toContainText('Just checking in.');
    await expect(fr.getByRole('button', { name: 'Réduire le clavardage' })).toBeVisible();

    // A site not in Allowed origins: the launcher shows, but the browser refuses to frame the chat.
    const refused = await visitor.newPage();
    await refused.goto(`${other.origin}/framed.html`);
    await refused.waitForTimeout(1500);
    const direct = refused.frames().find((f) => f !== refused.mainFrame());
    const inside = direct ? await direct.locator('body').innerText({ timeout: 2000 }).catch(() => '') : '';
    expect(inside).not.toContain('Start chat');
    expect(inside).not.toContain('Just checking in.');
    await refused.goto(`${other.origin}/index.html`);
    await launcher(refused).click();
    await refused.waitForTimeout(1500);
    const viaLoader = refused.frames().find((f) => f !== refused.mainFrame());
    const insideLoader = viaLoader ? await viaLoader.locator('body').innerText({ timeout: 2000 }).catch(() => '') : '';
    expect(insideLoader).not.toContain('Just checking in.');
    expect(insideLoader).not.toContain('Start chat');
  } finally {
    await site.close();
    await other.close();
  }
});

test('on a phone-sized viewport the widget opens full screen', async ({ world }) => {
  const site = await hostSite();
  try {
    await setAllowedOrigins(world, site.origin);
    const context = await world.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 667 });
    await page.goto(`${site.origin}/index.html`);
    await launcher(page).click();
    await expect(widget(page).getByRole('button', { name: 'Start chat' })).toBeVisible();
    const box = await page.locator('iframe[title="Chat"]').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    // Full screen covers the launcher: the chat's own Minimize chat button closes it.
    await widget(page).getByRole('button', { name: 'Minimize chat' }).click();
    await expect(page.locator('iframe[title="Chat"]')).toBeHidden();
    await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
  } finally {
    await site.close();
  }
});
