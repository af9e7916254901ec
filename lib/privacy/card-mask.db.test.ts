// Issue 22: no full card number anywhere after a send — the Message table (also what a text
// search reads), what the sender gets back, and the realtime payload, captured where it is handed
// to the Pusher SDK (which then sends it on, unchanged, to the realtime server's HTTP API).
import Pusher from 'pusher';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cid, loadFixtures, sleep, type Fixtures } from '@/test/db-fixtures';

const CARD = '4111 1111 1111 1111';
const DIGITS = '4111111111111111';
const captured: string[] = [];
let f: Fixtures;

beforeAll(async () => {
  for (const method of ['trigger', 'triggerBatch'] as const) {
    const original = Pusher.prototype[method] as (...a: unknown[]) => Promise<unknown>;
    vi.spyOn(Pusher.prototype, method).mockImplementation(function (this: Pusher, ...args: unknown[]) {
      captured.push(JSON.stringify(args));
      return original.apply(this, args) as never;
    });
  }
  f = await loadFixtures();
});
beforeEach(async () => {
  await f.reset();
  captured.length = 0;
});

async function noFullNumberStored() {
  const rows = await f.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Message" WHERE regexp_replace(text, '[^0-9]', '', 'g') LIKE ${`%${DIGITS}%`}`;
  return Number(rows[0]!.n) === 0;
}

describe('card numbers masked before storage (issue 22)', () => {
  it('a contact message: stored, returned and broadcast masked', async () => {
    const { agent1 } = f.agents;
    const { chatId, secret } = await f.activeFor(agent1);
    const sent = await f.contactChat.contactSend(chatId, secret, { clientId: cid('card'), text: `my card is ${CARD} exp 12/29` });
    expect(sent.text).toBe('my card is •••• •••• •••• 1111 exp 12/29');
    const stored = await f.db.message.findMany({ where: { interactionId: chatId, senderType: 'CONTACT' } });
    expect(stored.map((m) => m.text)).toEqual(['my card is •••• •••• •••• 1111 exp 12/29']);
    expect(await noFullNumberStored()).toBe(true);
    // The search a text lookup runs finds nothing by the full number.
    expect(await f.db.message.count({ where: { text: { contains: CARD } } })).toBe(0);
    // The realtime payload the server sent out.
    for (let i = 0; i < 50 && !captured.some((b) => b.includes('1111 exp')); i++) await sleep(20);
    const payloads = captured.join('\n');
    expect(payloads).toContain('1111 exp 12/29');
    expect(payloads.replace(/\\u[0-9a-f]{4}|[^0-9]/gi, '')).not.toContain(DIGITS);
  });

  it('staff replies, internal lines and a concurrent burst (group commit) are masked too', async () => {
    const { agent1 } = f.agents;
    const { chatId, secret } = await f.activeFor(agent1);
    const reply = await f.agentChat.agentSend(agent1, chatId, { clientId: cid('a'), text: `confirming 4111-1111-1111-1111` });
    expect(reply.text).toBe('confirming ••••-••••-••••-1111');
    const { appendMessage } = await import('@/lib/interactions/core/messages');
    const internal = await appendMessage({
      interactionId: chatId, visibility: 'INTERNAL', thread: 'consultation', clientId: cid('i'), senderType: 'AGENT',
      senderUserId: agent1.id, senderName: 'A', text: `customer gave ${DIGITS}`, allowedStatuses: ['ACTIVE'],
    });
    expect(internal.message.text).toBe('customer gave ••••••••••••1111');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => f.contactChat.contactSend(chatId, secret, { clientId: cid('burst'), text: `burst ${i}: ${CARD}` })),
    );
    expect(await noFullNumberStored()).toBe(true);
    expect(await f.db.message.count({ where: { interactionId: chatId, text: { contains: '•••• •••• •••• 1111' } } })).toBe(12);
  });

  it('the admin switch off stores the number as typed; admin patterns are applied', async () => {
    const { agent1 } = f.agents;
    const { chatId, secret } = await f.activeFor(agent1);
    const { forgetCachedLifecycleSettings } = await import('@/lib/lifecycle/settings');
    await f.db.setting.create({
      data: { key: 'lifecycle', value: { maskCards: false, extraPatterns: [{ name: 'SIN', pattern: '\\b\\d{3} \\d{3} \\d{3}\\b', example: '046 454 286' }] } },
    });
    forgetCachedLifecycleSettings();
    const sent = await f.contactChat.contactSend(chatId, secret, { clientId: cid('off'), text: `${DIGITS} and SIN 046 454 286` });
    expect(sent.text).toBe(`${DIGITS} and SIN ••• ••• •••`);
    await f.db.setting.deleteMany({ where: { key: 'lifecycle' } });
    forgetCachedLifecycleSettings();
  });

  it('the admin save refuses a pattern that does not mask its example and changes nothing; a good one is audited', async () => {
    const { saveLifecycleSettings } = await import('@/lib/lifecycle/settings-admin');
    await expect(
      saveLifecycleSettings(f.agents.admin, { extraPatterns: [{ name: 'SIN', pattern: '\\d{12}', example: '046 454 286' }] }),
    ).rejects.toThrow();
    expect(await f.db.setting.findUnique({ where: { key: 'lifecycle' } })).toBeNull();
    const saved = await saveLifecycleSettings(f.agents.admin, { maskCards: false });
    expect(saved.maskCards).toBe(false);
    expect(await f.db.auditLog.count({ where: { action: 'settings.update', target: 'settings:lifecycle' } })).toBeGreaterThan(0);
    await f.db.setting.deleteMany({ where: { key: 'lifecycle' } });
    (await import('@/lib/lifecycle/settings')).forgetCachedLifecycleSettings();
  });
});
