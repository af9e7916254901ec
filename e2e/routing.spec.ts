// Routing offers (R2): a rejected or unanswered offer goes to the next Ready agent.
import type { Page } from '@playwright/test';
import { consoleSettings, patchConsoleSettings, restoreConsoleSettings } from './fixtures/db';
import { uniqueName, type Agent } from './fixtures/people';
import { expect, test } from './fixtures/test';

/** Waits until exactly one of the agents shows the offer for this contact; returns [offered, other]. */
async function whoIsOffered(agents: [Agent, Agent], contactName: string): Promise<[Agent, Agent]> {
  const [a, b] = agents;
  const seen = async () => ((await a.invitation(contactName).isVisible()) ? 'a' : (await b.invitation(contactName).isVisible()) ? 'b' : null);
  await expect.poll(seen, { message: `an offer for ${contactName}` }).not.toBeNull();
  const aHas = (await seen()) === 'a';
  const offered = aHas ? a : b;
  const other = aHas ? b : a;
  await expect(other.invitation(contactName)).toBeHidden();
  return [offered, other];
}

/** No error message shows (Next's empty route-announcer alert does not count). */
async function expectNoError(page: Page) {
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
}

test('a rejected offer is offered to another Ready agent', async ({ world }) => {
  const alex = await world.agent('agent1');
  const support = await world.agent('agent2');
  await alex.setState('Ready');
  await support.setState('Ready');

  const name = uniqueName('Rory');
  const contact = await world.contact();
  await contact.start({ name, question: 'Can I change my plan?' });

  const [first, second] = await whoIsOffered([alex, support], name);
  await first.reject(name);
  await expectNoError(first.page);

  await expect(second.invitation(name)).toBeVisible();
  await expect(first.invitation(name)).toBeHidden();
  await second.accept(name);
  await contact.expectChatting();
  await expect(contact.item(`${second.nickname} joined the chat`)).toBeVisible();
  // Rejecting does not take the agent out of Ready, and the chat never reaches their bar.
  await first.expectState('Ready');
  await expect(first.tab(name)).toBeHidden();
});

test('an unanswered offer times out, the agent goes Not Ready, and the chat is offered to another agent', async ({ world }) => {
  test.setTimeout(90_000);
  const previous = await consoleSettings();
  // 5 s is the smallest timeout the settings accept.
  await patchConsoleSettings({ invitationTimeoutSec: 5 });
  try {
    const alex = await world.agent('agent1');
    const support = await world.agent('agent2');
    await alex.setState('Ready');
    await support.setState('Ready');

    const name = uniqueName('Tess');
    const contact = await world.contact();
    await contact.start({ name, question: 'Is anyone there?' });

    const [first, second] = await whoIsOffered([alex, support], name);
    await expect(first.invitation(name)).toContainText(/[1-5] seconds? left/);
    // Nobody answers: the offer lapses after ~5 s (plus the sweep), and moves on.
    await expect(first.invitation(name)).toBeHidden({ timeout: 15_000 });
    await expect(second.invitation(name)).toBeVisible({ timeout: 15_000 });
    await first.expectState('Not Ready – Missed invitation');
    await second.accept(name);
    await contact.expectChatting();
    await expect(first.tab(name)).toBeHidden();
  } finally {
    await restoreConsoleSettings(previous);
  }
});
