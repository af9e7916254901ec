// S1 at common laptop widths: each row's Monitor, Coach and Barge in buttons are whole and in
// view without scrolling sideways, in English and in French (where the labels are longest).
import { ACCOUNTS, signIn, uniqueName } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test } from './fixtures/test';

const LABELS = {
  en: { board: 'Live chats', buttons: ['Monitor', 'Coach', 'Barge in'] },
  'fr-CA': { board: 'Clavardages en cours', buttons: ['Surveiller', 'Accompagner', 'Intervenir'] },
} as const;

test('the board keeps the supervise buttons whole and in view at 1,280 and 1,400 px, in English and French', async ({ world }) => {
  const name = uniqueName('Wide');
  const res = await fetch(new URL('/api/v1/chats', e2eState().baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, question: 'Layout check', language: 'en' }),
  });
  expect(res.status).toBe(201);
  world.track(await res.json());

  const context = await world.newContext();
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.supervisor, /\/supervisor$/);
  for (const locale of ['en', 'fr-CA'] as const) {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: e2eState().baseURL }]);
    for (const width of [1280, 1400]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/supervisor');
      const board = page.getByRole('table', { name: LABELS[locale].board });
      const row = board.getByRole('row', { name: new RegExp(name) });
      await expect(row).toBeVisible();
      const scroller = await board.evaluate((t) => {
        const s = t.parentElement!;
        const r = s.getBoundingClientRect();
        return { left: r.left, right: Math.min(r.right, window.innerWidth), scrollLeft: s.scrollLeft };
      });
      expect(scroller.scrollLeft).toBe(0);
      for (const label of LABELS[locale].buttons) {
        const button = row.getByRole('button', { name: label, exact: true });
        await expect(button).toBeVisible();
        const box = (await button.boundingBox())!;
        expect(box.x, `${locale} ${width}px: ${label}`).toBeGreaterThanOrEqual(scroller.left);
        expect(box.x + box.width, `${locale} ${width}px: ${label} ends inside the board`).toBeLessThanOrEqual(scroller.right + 0.5);
        // Its label is not cut inside the button either.
        expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth + 1), `${locale} ${width}px: ${label} is whole`).toBe(true);
      }
    }
  }
});
