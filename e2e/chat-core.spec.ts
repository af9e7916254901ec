// The core loop of a chat, contact and agent side by side (C1–C5, R2, A1–A3, A5, A8, A14).
import { interactionStatus } from './fixtures/db';
import { uniqueName } from './fixtures/people';
import { expect, test } from './fixtures/test';

test('a contact and an agent chat live, through a disconnect, to Mark Done', async ({ world }) => {
  test.setTimeout(90_000);
  const name = uniqueName('Dana');
  const contact = await world.contact();
  const { chatId } = await contact.start({ name, email: `${name.replace(' ', '.').toLowerCase()}@example.org`, question: 'Where is my order?' });
  await expect(contact.page.getByText(/^Waiting for an agent…/)).toBeVisible();

  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  const card = alex.invitation(name);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Where is my order?');
  await expect(card).toContainText(/\d+ seconds? left/);
  await alex.accept(name);

  // Both see the agent join; the contact sees it under the agent's nickname.
  await contact.expectChatting();
  await expect(contact.item('Alex joined the chat')).toBeVisible();
  await expect(alex.page.getByRole('region', { name: 'Case data' })).toContainText('Where is my order?');
  await expect(alex.page.getByRole('region', { name: 'Contact information' })).toContainText(name);
  await expect(alex.contactConnection).toHaveText('Connected');

  // Messages both ways, live.
  await contact.send('Hello, I need help with order 42.');
  await expect(alex.item('Hello, I need help with order 42.')).toContainText(name);
  await expect(contact.item('Hello, I need help with order 42.')).toContainText('You');
  await alex.send('Hi! Let me look that up for you.');
  const reply = contact.item('Hi! Let me look that up for you.');
  await expect(reply).toBeVisible();
  await expect(reply).toContainText('Alex');
  await expect(reply).not.toContainText('Agent One');
  await expect(reply.locator('time')).toHaveText(/\d{1,2}:\d{2}/);
  // The agent's own transcript shows them under their nickname too (A5).
  await expect(alex.item('Hi! Let me look that up for you.')).toContainText('Alex');

  // Typing notices both ways.
  await alex.messageBox.pressSequentially('It has ship', { delay: 30 });
  await expect(contact.page.getByText('Alex is typing…')).toBeVisible();
  await contact.messageBox.pressSequentially('Thank', { delay: 30 });
  await expect(alex.contactConnection).toHaveText('Typing…');
  await alex.messageBox.fill('');
  await contact.messageBox.fill('');

  // The contact closes the page: the agent sees them disconnected (after the presence grace delay).
  await contact.page.close();
  await expect(alex.contactConnection).toHaveText('Disconnected', { timeout: 15_000 });
  await alex.send('Are you still there?');

  // The contact comes back in the same browser and finds the whole transcript.
  await contact.reopen();
  await contact.expectChatting();
  for (const text of ['Alex joined the chat', 'Hello, I need help with order 42.', 'Hi! Let me look that up for you.', 'Are you still there?']) {
    await expect(contact.item(text)).toBeVisible();
  }
  await expect(alex.contactConnection).toHaveText('Connected', { timeout: 15_000 });
  await contact.send('Yes, sorry, I am back.');
  await expect(alex.item('Yes, sorry, I am back.')).toBeVisible();

  // The agent ends the chat; both see it ended.
  await alex.button('End chat').click();
  await expect(alex.item('Alex ended the chat')).toBeVisible();
  await expect(contact.item('Alex ended the chat')).toBeVisible();
  await expect(contact.page.getByText('This chat has ended.')).toBeVisible();
  await expect(contact.messageBox).toBeHidden();
  await expect(alex.messageBox).toBeHidden();

  // Mark Done: the chat leaves the bar and is stored as done.
  await alex.button('Mark Done').click();
  await expect(alex.tab(name)).toBeHidden();
  await expect(alex.page.getByRole('heading', { name })).toBeHidden();
  await expect.poll(() => interactionStatus(chatId)).toBe('DONE');
});
