// The agent workspace (issue 12; SPEC A1, A7, A10–A13, A15): notes, contact history, contact
// information, editable case data, standard responses and the interaction bar's preview, driven
// by role and accessible name in real browsers against the real servers.
import type { Page } from '@playwright/test';
import { sql } from './fixtures/db';
import { chooseOption, signIn, transcriptItems, uniqueName, type Agent } from './fixtures/people';
import { expect, test, type World } from './fixtures/test';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** A contact starts a chat and `agent` (made Ready for it) accepts it; the agent goes Not Ready again. */
async function chatWith(world: World, agent: Agent, opts: { name: string; question?: string; email?: string; phone?: string }) {
  const contact = await world.contact();
  const session = await contact.start({ name: opts.name, question: opts.question ?? 'Where is my order?', email: opts.email, phone: opts.phone });
  await agent.setState('Ready');
  await agent.accept(opts.name);
  await agent.setState('Not Ready – Break');
  await contact.expectChatting();
  return { contact, session };
}

async function contactRow(chatId: string) {
  const [row] = await sql<{ name: string; emails: string | null; phones: string | null }>(
    `SELECT c.name, (SELECT string_agg(email, ',' ORDER BY email) FROM "ContactEmail" WHERE "contactId" = c.id) AS emails,
            (SELECT string_agg(phone, ',' ORDER BY phone) FROM "ContactPhone" WHERE "contactId" = c.id) AS phones
     FROM "Interaction" i JOIN "Contact" c ON c.id = i."contactId" WHERE i.id = $1`,
    [chatId],
  );
  return row!;
}

test('a note appears in the contact’s history on their next chat, which opens the earlier transcript', async ({ world }) => {
  test.setTimeout(120_000);
  const name = uniqueName('Nora');
  const email = `${name.replace(' ', '.').toLowerCase()}@example.org`;
  const alex = await world.agent('agent1');
  const first = await chatWith(world, alex, { name, email, question: 'My parcel is late' });
  await first.contact.send('Order 42 has not arrived.');
  await alex.send('I am checking with the carrier.');

  // A10: the Note field saves to the chat's history with author and time.
  await alex.page.getByRole('textbox', { name: 'Note', exact: true }).fill('Carrier lost parcel 42; refund promised.');
  await alex.button('Save note').click();
  const note = alex.page.getByRole('listitem').filter({ hasText: 'Carrier lost parcel 42; refund promised.' });
  await expect(note).toContainText('Alex (Agent One)');
  await expect(note.locator('time')).toHaveText(/\d/);
  await expect(alex.page.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue('');

  // A supervisor's coaching line (internal: staff only) — written straight to the store, as the coaching feature would.
  await sql(
    `INSERT INTO "Message" (id, "interactionId", visibility, seq, "senderType", "senderName", text, thread)
     VALUES ($1, $2, 'INTERNAL', 1, 'AGENT', 'Sam Supervisor', 'Offer the refund right away.', 'coaching')`,
    [`mcoach${Date.now()}`, first.session.chatId],
  );
  await alex.button('End chat').click();
  await chooseOption(alex.page, alex.page.getByRole('combobox', { name: 'Disposition' }), 'Resolved');
  await alex.button('Mark Done').click();
  await expect(alex.tab(name)).toBeHidden();

  // The same contact (matched by email) comes back: the history shows the earlier chat and its note.
  const second = await chatWith(world, alex, { name, email, question: 'Any news on my refund?' });
  expect(second.session.chatId).not.toBe(first.session.chatId);
  const history = region(alex.page, 'Contact history');
  const earlier = history.getByRole('listitem').filter({ hasText: 'My parcel is late' });
  await expect(earlier).toBeVisible();
  await expect(earlier).toContainText('Alex (Agent One)');
  await expect(earlier).toContainText('Ended by the agent');
  await expect(earlier).toContainText('Resolved');
  await expect(earlier).toContainText('Carrier lost parcel 42; refund promised.');
  await expect(earlier).toContainText(/Duration\s*\d+:\d{2}/);
  await expect(history.getByText('Any news on my refund?')).toHaveCount(0);

  // A12: opening it shows the whole transcript, read-only, in the transcript component.
  await earlier.getByRole('button', { name: /^Open the transcript of/ }).click();
  const dialog = alex.page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const log = dialog.getByRole('log', { name: 'Transcript' });
  for (const text of ['Alex joined the chat', 'Order 42 has not arrived.', 'I am checking with the carrier.', 'Alex ended the chat']) await expect(log).toContainText(text);
  // Alex took part in that chat, so its internal coaching line is shown to him, marked as such.
  await expect(transcriptItems(log).filter({ hasText: 'Offer the refund right away.' })).toContainText('Coaching — not seen by the contact');
  await expect(dialog.getByRole('textbox')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Send' })).toHaveCount(0);
  await alex.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('contact information: an invalid edit shows an error and saves nothing; a valid one is saved; another contact’s email is refused', async ({ world }) => {
  test.setTimeout(90_000);
  const name = uniqueName('Cleo');
  const alex = await world.agent('agent1');
  const { session } = await chatWith(world, alex, { name, phone: '+1 514 555 0142' });
  const info = region(alex.page, 'Contact information');
  await expect(info).toContainText(name);
  const otherEmail = `taken.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const otherId = `cother${Date.now()}`;
  await sql(`INSERT INTO "Contact" (id, name, "updatedAt") VALUES ($1, 'Someone Else', now())`, [otherId]);
  await sql(`INSERT INTO "ContactEmail" (id, "contactId", email) VALUES ($1, $2, $3)`, [`e${otherId}`, otherId, otherEmail]);
  const before = await contactRow(session.chatId);

  const dialog = alex.page.getByRole('dialog', { name: 'Edit contact information' });
  const open = async () => {
    await info.getByRole('button', { name: 'Edit contact information' }).click();
    await expect(dialog).toBeVisible();
  };

  // Invalid: a malformed email. A clear error on the field, nothing saved.
  await open();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(`${name} Changed`);
  await dialog.getByRole('textbox', { name: 'Emails' }).fill('not-an-email');
  await dialog.getByRole('button', { name: 'Save contact' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('“not-an-email” is not a valid email address.');
  await expect(dialog.getByRole('textbox', { name: 'Emails' })).toHaveAttribute('aria-invalid', 'true');
  expect(await contactRow(session.chatId)).toEqual(before);

  // Another contact's email: refused with the reason, never merged.
  await dialog.getByRole('textbox', { name: 'Emails' }).fill(otherEmail);
  await dialog.getByRole('button', { name: 'Save contact' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already belongs to another contact');
  expect(await contactRow(session.chatId)).toEqual(before);

  // Valid: new name, an email and a second phone.
  const email = `${name.replace(' ', '.').toLowerCase()}@example.org`;
  await dialog.getByRole('textbox', { name: 'Emails' }).fill(email);
  await dialog.getByRole('textbox', { name: 'Phones' }).fill('+1 514 555 0142\n(438) 555-0199');
  await dialog.getByRole('button', { name: 'Save contact' }).click();
  await expect(dialog).toBeHidden();
  await expect(info).toContainText(`${name} Changed`);
  await expect(info).toContainText(email);
  await expect(alex.page.getByRole('heading', { name: `${name} Changed` })).toBeVisible();
  expect(await contactRow(session.chatId)).toEqual({ name: `${name} Changed`, emails: email, phones: '+15145550142,4385550199' });
  const [audit] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'contact.update' AND target = $1`, [`contact:${(await sql<{ contactId: string }>(`SELECT "contactId" FROM "Interaction" WHERE id = $1`, [session.chatId]))[0]!.contactId}`]);
  expect(audit!.n).toBe(1);

  // A1: the contact menu lists the numbers as tel: call actions; a call attempt is kept in the history.
  await alex.page.getByRole('button', { name: 'Contact', exact: true }).click();
  const call = alex.page.getByRole('menuitem', { name: 'Call 4385550199' });
  await expect(call).toHaveAttribute('href', 'tel:4385550199');
  await call.click();
  await expect(region(alex.page, 'Contact history')).toContainText('4385550199 — called by Alex (Agent One)');
});

test('an editable case-data field is saved after a type error; a read-only field has no edit control', async ({ world }) => {
  const name = uniqueName('Cass');
  const alex = await world.agent('agent1');
  const { session } = await chatWith(world, alex, { name, question: 'Billing question' });
  const caseData = region(alex.page, 'Case data');
  await expect(caseData).toContainText('Billing question');

  // Read-only fields (from the entry form) show their value and no control at all.
  await expect(caseData.getByRole('button', { name: 'Edit Question' })).toHaveCount(0);
  await expect(caseData.getByRole('textbox', { name: 'Question' })).toHaveCount(0);

  // Account number is a NUMBER field the admin made editable.
  await caseData.getByRole('button', { name: 'Edit Account number' }).click();
  const field = caseData.getByRole('textbox', { name: 'Account number' });
  await field.fill('12ab');
  await caseData.getByRole('button', { name: 'Save Account number' }).click();
  await expect(caseData.getByRole('alert')).toHaveText('Enter a number, such as 42 or 12.50.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('004217');
  await caseData.getByRole('button', { name: 'Save Account number' }).click();
  await expect(field).toBeHidden();
  await expect(caseData).toContainText('004217');

  // Priority is a LIST field: chosen from its options.
  await caseData.getByRole('button', { name: 'Edit Priority' }).click();
  await chooseOption(alex.page, caseData.getByRole('combobox', { name: 'Priority' }), 'High');
  await caseData.getByRole('button', { name: 'Save Priority' }).click();
  await expect(caseData.getByRole('combobox', { name: 'Priority' })).toBeHidden();
  await expect(caseData).toContainText('High');

  const values = await sql<{ key: string; value: string }>(
    `SELECT f.key, v.value FROM "CaseDataValue" v JOIN "CaseDataField" f ON f.id = v."fieldId" WHERE v."interactionId" = $1 AND f."agentEditable" ORDER BY f.key`,
    [session.chatId],
  );
  expect(values).toEqual([
    { key: 'accountNumber', value: '004217' },
    { key: 'priority', value: 'High' },
  ]);
  const [audits] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'caseData.update' AND target = $1`, [`interaction:${session.chatId}`]);
  expect(audits!.n).toBe(2);
});

test('a standard response made by the admin is inserted with placeholders filled, edited, then sent', async ({ world }) => {
  test.setTimeout(90_000);
  // The admin adds a response on /admin/responses.
  const shortcut = `order-${Math.random().toString(36).slice(2, 6)}`;
  const adminContext = await world.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, { email: 'admin@example.com', password: 'admin123!' }, /\/admin/);
  await admin.goto('/admin/responses');
  await admin.getByRole('button', { name: 'Add response' }).click();
  const form = admin.getByRole('dialog', { name: 'New standard response' });
  await form.getByRole('textbox', { name: 'Shortcut' }).fill('Bad shortcut!');
  await form.getByRole('textbox', { name: 'Title (English)' }).fill('Order lookup');
  await form.getByRole('textbox', { name: 'Title (French)' }).fill('Recherche de commande');
  await form.getByRole('textbox', { name: 'Text (English)' }).fill('Thanks {contact.firstName}! {agent.nickname} here, looking up your order now.');
  await form.getByRole('textbox', { name: 'Text (French)' }).fill('Merci {contact.firstName}! Ici {agent.nickname}, je cherche votre commande.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('Use 1 to 32 lower-case letters, digits and dashes.');
  await form.getByRole('textbox', { name: 'Shortcut' }).fill(shortcut);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(admin.getByRole('row').filter({ hasText: `/${shortcut}` })).toContainText('Order lookup');

  const name = uniqueName('Pia');
  const alex = await world.agent('agent1');
  const { contact } = await chatWith(world, alex, { name });
  const first = name.split(' ')[0]!;

  // Typing "/" opens the searchable list; the search picks the response; it lands in the composer, not the chat.
  await alex.messageBox.click();
  await alex.messageBox.press('/');
  const search = alex.page.getByRole('combobox', { name: 'Search standard responses' });
  await expect(search).toBeFocused();
  await search.fill(shortcut);
  const list = alex.page.getByRole('listbox', { name: 'Standard responses' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await alex.page.keyboard.press('Enter');
  const expanded = `Thanks ${first}! Alex here, looking up your order now.`;
  await expect(alex.messageBox).toHaveValue(expanded);
  await expect(alex.messageBox).toBeFocused();
  await expect(contact.item(expanded)).toHaveCount(0);

  // Edited before sending: what is sent is the edited text.
  await alex.messageBox.press('End');
  await alex.messageBox.pressSequentially(' It was order 42.');
  await alex.button('Send').click();
  const sent = `${expanded} It was order 42.`;
  await expect(alex.item(sent)).toContainText('Sent');
  await expect(contact.item(sent)).toBeVisible();

  // The button opens the same list for people who do not know the shortcut.
  await alex.button('Standard responses').click();
  await alex.page.getByRole('combobox', { name: 'Search standard responses' }).fill('greeting');
  await list.getByRole('option', { name: /Greeting/ }).click();
  await expect(alex.messageBox).toHaveValue(`Hello ${first}, I am Alex. How can I help you today?`);
});

test('keyboard only: the interaction bar preview shows each chat’s live last lines and time since start', async ({ world }) => {
  test.setTimeout(120_000);
  const alex = await world.agent('agent1');
  const a = uniqueName('Kira');
  const b = uniqueName('Lou');
  const chatA = await chatWith(world, alex, { name: a });
  const chatB = await chatWith(world, alex, { name: b });
  await chatA.contact.send('First question from Kira.');
  await chatB.contact.send('Lou says hello.');

  // From the top of the page, Tab (never the mouse) until the first chat of the bar has focus.
  const page = alex.page;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const tabA = alex.tab(a);
  for (let i = 0; i < 40 && !(await tabA.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(tabA).toBeFocused();
  const preview = page.getByRole('tooltip');
  await expect(preview).toContainText(/Started \d+:\d{2} ago/);
  await expect(preview).toContainText(`${a}: First question from Kira.`);

  // Live: a new line while the preview is open appears in it.
  await chatA.contact.send('Are you there?');
  await expect(preview).toContainText(`${a}: Are you there?`);

  // Tab to the next chat: its own preview; Enter opens it.
  await page.keyboard.press('Tab');
  const tabB = alex.tab(b);
  await expect(tabB).toBeFocused();
  await expect(preview).toContainText(`${b}: Lou says hello.`);
  await expect(preview).not.toContainText('Kira');
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(tabB).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('heading', { name: b })).toBeVisible();

  // Each chat keeps its unsent text when switching.
  await alex.messageBox.fill('Draft for Lou');
  await alex.tab(a).click();
  await alex.messageBox.fill('Draft for Kira');
  await alex.tab(b).click();
  await expect(alex.messageBox).toHaveValue('Draft for Lou');
  await alex.tab(a).click();
  await expect(alex.messageBox).toHaveValue('Draft for Kira');
});
