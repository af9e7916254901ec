// Issue 18 (widget-mail): at the end of a chat the contact rates it (CSAT), which the agent then
// sees in the contact history (A12), and has the transcript emailed: the mail goes through the
// outbox to this stack's local mail catcher and holds only what the contact saw, even though a
// supervisor coached the agent during the chat. Real browsers, real servers, a real SMTP catcher.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { StaffClient, serverActionIds } from '../scripts/lib/staff-client';
import { sql } from './fixtures/db';
import { waitForMail } from './fixtures/mail';
import { ACCOUNTS, chooseOption, uniqueName, type Agent } from './fixtures/people';
import { e2eState } from './fixtures/servers';
import { expect, test, type World } from './fixtures/test';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function chatWith(world: World, agent: Agent, opts: { name: string; email: string; question: string }) {
  const contact = await world.contact();
  const session = await contact.start(opts);
  await agent.setState('Ready');
  await agent.accept(opts.name);
  await agent.setState('Not Ready – Break');
  await contact.expectChatting();
  return { contact, session };
}

/** A supervisor coaches the agent through the real API (monitor in COACH mode, then a coaching line). */
async function coach(chatId: string, text: string): Promise<void> {
  const sup = new StaffClient(e2eState().baseURL);
  await sup.signIn(ACCOUNTS.supervisor.email, ACCOUNTS.supervisor.password);
  const id = serverActionIds()['app/(console)/supervisor/actions.ts#superviseAction'];
  expect(id, 'superviseAction in the build').toBeTruthy();
  const r = await sup.action<{ data?: unknown; serverError?: unknown }>('/supervisor', id!, { interactionId: chatId, mode: 'COACH' });
  expect(r.result?.data, JSON.stringify(r.result)).toBeTruthy();
  const res = await sup.fetch(`/api/interactions/${chatId}/internal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: `coach-${Date.now()}`, text, thread: 'coaching' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

test('the contact rates the ended chat and emails the transcript (no internal line); the agent sees the rating in the contact history', async ({ world }) => {
  test.setTimeout(150_000);
  const name = uniqueName('Rita');
  const email = `${name.replace(' ', '.').toLowerCase()}@example.org`;
  const alex = await world.agent('agent1');
  const { contact, session } = await chatWith(world, alex, { name, email, question: 'Can I change my delivery date?' });
  await contact.send('I would like Friday instead.');
  await expect(alex.item('I would like Friday instead.')).toBeVisible();
  const coaching = `Offer express shipping ${Date.now()}`;
  await coach(session.chatId, coaching);
  // the coaching line is stored on the chat's internal stream (so the mail below had something to leak)
  expect(await sql(`SELECT visibility::text AS v FROM "Message" WHERE "interactionId" = $1 AND text = $2`, [session.chatId, coaching])).toEqual([{ v: 'INTERNAL' }]);
  await alex.send('Done: Friday it is.');
  await expect(contact.item('Done: Friday it is.')).toBeVisible();
  await alex.button('End chat').click();

  // The rating form shows once the chat has ended.
  const form = contact.page.getByRole('form', { name: 'How was your chat?' });
  await expect(form).toBeVisible();
  const rating = form.getByRole('radiogroup', { name: 'Rating' });
  await expect(rating.getByRole('radio')).toHaveCount(5);
  for (const n of ['1', '2', '3', '4', '5']) await expect(rating.getByRole('radio', { name: n, exact: true })).toBeVisible();
  const axe = await new AxeBuilder({ page: contact.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`), 'axe on the rating form').toEqual([]);
  expect(axe.passes.length).toBeGreaterThan(10);

  // Sending with no choice says what is missing and stores nothing.
  await form.getByRole('button', { name: 'Send rating' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose a rating from 1 to 5.');
  expect(await sql('SELECT rating FROM "Interaction" WHERE id = $1', [session.chatId])).toEqual([{ rating: null }]);

  // Keyboard: focus the first option, arrow to 4, type a comment, send.
  await rating.getByRole('radio', { name: '1', exact: true }).focus();
  for (let i = 0; i < 3; i++) await contact.page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: '4', exact: true })).toBeChecked();
  await form.getByRole('textbox', { name: 'Comment' }).fill('Quick & friendly <3');
  await form.getByRole('button', { name: 'Send rating' }).click();
  await expect(contact.page.getByRole('status').filter({ hasText: 'Thank you for your rating.' })).toBeVisible();
  expect(await sql('SELECT rating, "ratingComment" FROM "Interaction" WHERE id = $1', [session.chatId])).toEqual([{ rating: 4, ratingComment: 'Quick & friendly <3' }]);

  // Transcript by email: the address the contact gave is pre-filled.
  const mailForm = contact.page.getByRole('form', { name: 'Transcript by email' });
  await expect(mailForm.getByRole('textbox', { name: 'Email' })).toHaveValue(email);
  await mailForm.getByRole('button', { name: 'Email me the transcript' }).click();
  await expect(mailForm.getByRole('status')).toHaveText(`The transcript is on its way to ${email}.`);
  const mail = await waitForMail({ to: email, subject: 'Your chat transcript' });
  for (const part of [mail.text ?? '', String(mail.html)]) {
    expect(part).toContain('I would like Friday instead.');
    expect(part).toContain('Done: Friday it is.');
    expect(part).toContain('Alex'); // the agent's nickname, as the contact saw it
    expect(part).not.toContain(coaching);
    expect(part).not.toContain('Agent One'); // never the agent's real name
  }
  expect(mail.from?.text).toContain('no-reply@e2e.test');
  await expect.poll(async () => (await sql<{ status: string }>(`SELECT status FROM "MailOutbox" WHERE "refId" LIKE $1`, [`${session.chatId}:%`]))[0]?.status).toBe('sent');

  // The agent wraps up; the same contact comes back and the history shows the rating.
  await chooseOption(alex.page, alex.page.getByRole('combobox', { name: 'Disposition' }), 'Resolved');
  await alex.button('Mark Done').click();
  await expect(alex.tab(name)).toBeHidden();
  const second = await chatWith(world, alex, { name, email, question: 'One more question' });
  expect(second.session.chatId).not.toBe(session.chatId);
  const earlier = region(alex.page, 'Contact history').getByRole('listitem').filter({ hasText: 'Can I change my delivery date?' });
  await expect(earlier).toContainText(/Rating\s*4 out of 5/);
  await expect(earlier).toContainText('Quick & friendly <3');
});

test('a waiting contact sees the estimated wait; after a reload the rated chat says it was rated; a chat without an email can still have its transcript sent', async ({ world }) => {
  test.setTimeout(90_000);
  const name = uniqueName('Omar');
  const contact = await world.contact();
  const session = await contact.start({ name, question: 'Opening hours?' });
  // Waiting (nobody is Ready): an estimate shows ("a few minutes" while the queue's last hour has
  // fewer than 5 accepted chats; other specs on the same stack may have added more).
  await expect(contact.page.getByText(/^Estimated wait: (a few minutes|\d+ minutes?)$/)).toBeVisible();
  await contact.send('Are you open on Sunday?');
  await contact.page.getByRole('button', { name: 'End chat' }).click();
  const form = contact.page.getByRole('form', { name: 'How was your chat?' });
  await form.getByRole('radiogroup', { name: 'Rating' }).getByRole('radio', { name: '2', exact: true }).check();
  await form.getByRole('button', { name: 'Send rating' }).click();
  await expect(contact.page.getByText('Thank you for your rating.')).toBeVisible();
  await contact.page.reload();
  await expect(contact.page.getByText('This chat was already rated. Thank you.')).toBeVisible();
  await expect(contact.page.getByRole('form', { name: 'How was your chat?' })).toHaveCount(0);

  const mailForm = contact.page.getByRole('form', { name: 'Transcript by email' });
  const box = mailForm.getByRole('textbox', { name: 'Email' });
  await expect(box).toHaveValue('');
  const to = `${name.replace(' ', '.').toLowerCase()}@example.net`;
  await box.fill(to);
  await mailForm.getByRole('button', { name: 'Email me the transcript' }).click();
  const mail = await waitForMail({ to });
  expect(mail.text).toContain('Are you open on Sunday?');
  expect(mail.text).toContain(name);
  expect(await sql('SELECT rating FROM "Interaction" WHERE id = $1', [session.chatId])).toEqual([{ rating: 2 }]);
});
