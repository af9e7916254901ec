import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';
import { e2eState } from './e2e/fixtures/servers';

// The servers are started by e2e/global-setup.ts on free ports, one stack (database, realtime
// server, app) per worker; it sets E2E_STATE_FILE and E2E_BASE_URL before the test workers start,
// and each worker evaluates this file again, so its own stack's baseURL is right there.
function stackBaseURL(): string | undefined {
  if (!process.env.E2E_STATE_FILE) return process.env.E2E_BASE_URL;
  return e2eState().baseURL;
}

// Two workers on the 2-core machines, each with a stack of its own (so no spec shares the demo
// organisation with a test running at the same time); E2E_WORKERS=1 for one stack, one at a time.
const workers = Number(process.env.E2E_WORKERS) || 2;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  workers,
  // Within a worker, a spec file's tests run one after another (they share that stack's demo org).
  fullyParallel: false,
  // In CI, a test that fails is run once more, and one that then passes is reported as FLAKY by
  // name in the summary (scripts/test-all.sh), never silently: the CI machines are shared and
  // loaded, and one timing-sensitive failure must not hide 600 green tests. Locally: no retries.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: 'test-reports/playwright.json' }]],
  use: {
    baseURL: stackBaseURL(),
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
});
