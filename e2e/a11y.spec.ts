// axe-core on every page of the product (issue 12): no serious or critical WCAG 2.1 A/AA
// violation on the sign-in page, the contact's page (form and live chat), the agent view with a
// chat and its panels, the supervisor view, and the admin pages.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { signIn, uniqueName } from './fixtures/people';
import { expect, test } from './fixtures/test';

async function expectNoSeriousViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
  expect(result.passes.length, `axe ran rules on ${what}`).toBeGreaterThan(10);
}

test('the sign-in page and the contact page (form, then a live chat) have no serious axe violation', async ({ world }) => {
  test.setTimeout(90_000);
  const visitor = await world.newContext();
  const login = await visitor.newPage();
  await login.goto('/login');
  await expect(login.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousViolations(login, '/login');

  const contact = await world.contact();
  await contact.page.goto('/chat');
  await expect(contact.page.getByRole('button', { name: 'Start chat' })).toBeVisible();
  await expectNoSeriousViolations(contact.page, '/chat (entry form)');

  const name = uniqueName('Axel');
  await contact.start({ name, question: 'Accessibility check' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await contact.expectChatting();
  await contact.send('Hello from the contact.');
  await alex.send('Hello from Alex.');
  await expect(contact.item('Hello from Alex.')).toBeVisible();
  await expectNoSeriousViolations(contact.page, '/chat (live chat)');
});

test('the agent view with a chat, its panels, menus and dialogs has no serious axe violation', async ({ world }) => {
  test.setTimeout(90_000);
  const name = uniqueName('Ada');
  const contact = await world.contact();
  await contact.start({ name, question: 'Accessibility of the agent view', phone: '+1 514 555 0177' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await contact.send('A line for the transcript.');
  await expect(alex.item('A line for the transcript.')).toBeVisible();
  await expectNoSeriousViolations(alex.page, '/agent (a live chat)');

  // The contact menu open, the bar preview shown, the contact dialog open.
  await alex.page.getByRole('button', { name: 'Contact', exact: true }).click();
  await expect(alex.page.getByRole('menu')).toBeVisible();
  await expectNoSeriousViolations(alex.page, '/agent (contact menu)');
  await alex.page.keyboard.press('Escape');
  await alex.tab(name).focus();
  await expect(alex.page.getByRole('tooltip')).toBeVisible();
  await expectNoSeriousViolations(alex.page, '/agent (bar preview)');
  await alex.page.getByRole('button', { name: 'Edit contact information' }).click();
  await expect(alex.page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(alex.page, '/agent (contact dialog)');
  await alex.page.keyboard.press('Escape');
  await alex.messageBox.press('/');
  await expect(alex.page.getByRole('combobox', { name: 'Search standard responses' })).toBeFocused();
  await expectNoSeriousViolations(alex.page, '/agent (standard responses)');
});

test('the supervisor and admin pages have no serious axe violation', async ({ world }) => {
  test.setTimeout(120_000);
  const sup = await (await world.newContext()).newPage();
  await signIn(sup, { email: 'supervisor@example.com', password: 'super123!' }, /\/(supervisor|agent)$/);
  await sup.goto('/supervisor');
  await expect(sup.getByRole('heading').first()).toBeVisible();
  await expectNoSeriousViolations(sup, '/supervisor');

  const admin = await (await world.newContext()).newPage();
  await signIn(admin, { email: 'admin@example.com', password: 'admin123!' }, /\/admin/);
  await expect(admin.getByRole('heading').first()).toBeVisible();
  await expectNoSeriousViolations(admin, '/admin');
  await admin.goto('/admin/responses');
  await expect(admin.getByRole('heading', { name: 'Standard responses' })).toBeVisible();
  await expectNoSeriousViolations(admin, '/admin/responses');
  await admin.getByRole('button', { name: 'Add response' }).click();
  await expect(admin.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(admin, '/admin/responses (new response dialog)');
  await admin.keyboard.press('Escape');

  // Issue 22: Data retention, and Contacts with results and the erase dialog (closed, nothing erased).
  await admin.goto('/admin/retention');
  await expect(admin.getByRole('heading', { name: 'Data retention' })).toBeVisible();
  await expectNoSeriousViolations(admin, '/admin/retention');
  const axelle = uniqueName('Axelle');
  await (await world.contact()).start({ name: axelle, question: 'A contact for the Contacts page' });
  await admin.goto('/admin/contacts');
  await admin.getByRole('searchbox', { name: 'Search contacts' }).fill(axelle);
  await admin.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(admin.getByRole('rowheader', { name: axelle })).toBeVisible();
  await expectNoSeriousViolations(admin, '/admin/contacts (results)');
  await admin.getByRole('button', { name: 'Erase contact' }).click();
  await expect(admin.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(admin, '/admin/contacts (erase dialog)');
  await admin.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(admin.getByRole('dialog')).toBeHidden();
});
