// PLACEHOLDER — proves the e2e harness (servers up, browser drives the app).
// The e2e authors replace this file with the real specs.
import { expect, test } from '@playwright/test';

test('placeholder: /login answers 200 and shows a heading', async ({ page }) => {
  const response = await page.goto('/login');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading').first()).toBeVisible();
});
