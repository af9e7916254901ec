// Nothing lost, nothing doubled (X2): the realtime server goes away mid-chat and comes back.
import { realtimeRunning, startRealtime, stopRealtime } from './fixtures/servers';
import { transcriptItems, uniqueName } from './fixtures/people';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures/test';

/** 'ok' when each text is in exactly one transcript item and the items come in this order; else what is wrong. */
async function transcriptShape(log: Locator, texts: string[]): Promise<string> {
  const items = await transcriptItems(log).allInnerTexts();
  const positions = texts.map((t) => items.flatMap((item, i) => (item.includes(t) ? [i] : [])));
  const problems: string[] = [];
  positions.forEach((p, i) => {
    if (p.length !== 1) problems.push(`"${texts[i]}" shown ${p.length} times`);
  });
  for (let i = 1; i < positions.length; i++) {
    const [a] = positions[i - 1]!;
    const [b] = positions[i]!;
    if (a !== undefined && b !== undefined && b <= a) problems.push(`"${texts[i]}" before "${texts[i - 1]}"`);
  }
  return problems.length ? problems.join('; ') : 'ok';
}

test('messages sent while the realtime server is down all arrive once, in order, after it restarts', async ({ world }) => {
  test.setTimeout(150_000);
  const name = uniqueName('Nadia');
  const contact = await world.contact();
  await contact.start({ name, question: 'Testing the line' });
  const alex = await world.agent('agent1');
  await alex.setState('Ready');
  await alex.accept(name);
  await contact.expectChatting();
  // The agent takes no other chat meanwhile.
  await alex.setState('Not Ready – Break');

  const before = ['[01] contact before', '[02] agent before'];
  await contact.send(before[0]!);
  await expect(alex.item(before[0]!)).toBeVisible();
  await alex.send(before[1]!);
  await expect(contact.item(before[1]!)).toBeVisible();

  const during = ['[03] contact during', '[04] agent during', '[05] contact during again', '[06] agent during again'];
  try {
    await stopRealtime();
    // Sends go over HTTP: each side sees its own messages stored ("Sent") while the realtime server is down.
    await contact.send(during[0]!);
    await alex.send(during[1]!);
    await contact.send(during[2]!);
    await alex.send(during[3]!);
  } finally {
    if (!realtimeRunning()) await startRealtime();
  }

  // Both pages reconnect by themselves and catch up from the store.
  const all = [...before, ...during];
  await expect.poll(() => transcriptShape(contact.transcript, all), { timeout: 60_000, message: 'contact transcript' }).toBe('ok');
  await expect.poll(() => transcriptShape(alex.transcript, all), { timeout: 60_000, message: 'agent transcript' }).toBe('ok');

  // And the chat is live again both ways.
  await contact.send('[07] contact after');
  await expect(alex.item('[07] contact after')).toBeVisible({ timeout: 20_000 });
  await alex.send('[08] agent after');
  await expect(contact.item('[08] agent after')).toBeVisible({ timeout: 20_000 });
  const final = [...all, '[07] contact after', '[08] agent after'];
  expect(await transcriptShape(contact.transcript, final)).toBe('ok');
  expect(await transcriptShape(alex.transcript, final)).toBe('ok');
});
