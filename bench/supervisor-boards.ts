/**
 * `npm run bench -- --supervisors N`: N supervisor boards kept open during the run, each a headless
 * Chromium page on /supervisor (one signed-in supervisor, one page per board). Each page records
 * long tasks with a PerformanceObserver and, for every board delta it applies, how far the board
 * is behind the store: the time from a chat's last message being stored (its `createdAt`) to the
 * board receiving the row that shows it. At the end each board's row count is compared with the
 * database's open chats.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { dist } from './harness';
import type { Dist } from './results';

interface PageStats {
  longTasks: number[];
  lags: number[];
  deltas: number;
  total: number | null;
}

export interface BoardsResult {
  boards: number;
  longTasks: { count: number; longestMs: number; over50ms: number };
  lagMs: Dist;
  deltas: number;
  perBoard: { longTasks: number; longestMs: number; lagP99: number; rowsShown: number | null }[];
  openChatsInStore: number;
  boardsMatchingStore: number;
}

// Runs in each page before the app: what the bench reads back with collect().
const INIT = () => {
  const w = window as unknown as { __bench: PageStats; __boardDelta?: (d: { rows?: { lastMessage: { at: string } | null }[] }) => void };
  w.__bench = { longTasks: [], lags: [], deltas: 0, total: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }
  w.__boardDelta = (d) => {
    w.__bench.deltas++;
    const now = Date.now();
    for (const r of d.rows ?? []) if (r.lastMessage) w.__bench.lags.push(now - Date.parse(r.lastMessage.at));
  };
};

export class SupervisorBoards {
  private browser: Browser | undefined;
  private pages: Page[] = [];

  constructor(
    private readonly appUrl: string,
    private readonly say: (s: string) => void,
  ) {}

  async start(n: number, account = { email: 'supervisor@example.com', password: 'super123!' }): Promise<void> {
    this.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await this.browser.newContext({ baseURL: this.appUrl, viewport: { width: 1600, height: 1000 } });
    await context.addInitScript(INIT);
    const login = await context.newPage();
    await login.goto('/login');
    await login.getByLabel('Email').fill(account.email);
    await login.getByLabel('Password').fill(account.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.waitForURL(/\/supervisor$/, { timeout: 60_000 });
    this.pages.push(login);
    for (let i = 1; i < n; i++) {
      const p = await context.newPage();
      await p.goto('/supervisor', { timeout: 120_000 });
      this.pages.push(p);
    }
    for (const p of this.pages) await p.getByRole('table', { name: 'Live chats' }).waitFor({ timeout: 60_000 });
    // Only what happens under load counts.
    await Promise.all(this.pages.map((p) => p.evaluate(() => ((window as unknown as { __bench: PageStats }).__bench.longTasks.length = 0))));
    this.say(`${n} supervisor board(s) open on /supervisor`);
  }

  async collect(dbUrl: string): Promise<BoardsResult> {
    // Let the last deltas land before comparing with the store.
    await new Promise((r) => setTimeout(r, 2000));
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    let open = 0;
    try {
      open = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Interaction" WHERE status <> 'DONE'`)).rows[0]!.n);
    } finally {
      await client.end();
    }
    const stats = await Promise.all(
      this.pages.map(async (p) => {
        const s = await p.evaluate(() => (window as unknown as { __bench: PageStats }).__bench);
        const count = await p
          .getByText(/^\d+ of \d+ chats$/)
          .first()
          .textContent()
          .catch(() => null);
        s.total = count ? Number(/of (\d+)/.exec(count)?.[1]) : null;
        return s;
      }),
    );
    const all = stats.flatMap((s) => s.longTasks);
    const lags = stats.flatMap((s) => s.lags);
    return {
      boards: this.pages.length,
      longTasks: { count: all.length, longestMs: all.length ? Math.max(...all) : 0, over50ms: all.filter((d) => d > 50).length },
      lagMs: dist(lags),
      deltas: stats.reduce((a, s) => a + s.deltas, 0),
      perBoard: stats.map((s) => ({
        longTasks: s.longTasks.length,
        longestMs: s.longTasks.length ? Math.max(...s.longTasks) : 0,
        lagP99: dist(s.lags).p99,
        rowsShown: s.total,
      })),
      openChatsInStore: open,
      boardsMatchingStore: stats.filter((s) => s.total === open).length,
    };
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => {});
    this.browser = undefined;
    this.pages = [];
  }
}
