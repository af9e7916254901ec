// Issue 17: a contact's send looks its chat up once, then from a bounded cache; the cache never
// lets a wrong secret in, and the end of the chat forgets the key at once.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let access: typeof import('../core/access');
beforeAll(async () => {
  f = await loadFixtures();
  access = await import('../core/access');
});
beforeEach(() => f.reset());

describe("the contact's key cache", () => {
  it('a send caches the key; a wrong secret is still refused; the end forgets it and later sends are refused', async () => {
    const { chatId, secret } = await f.activeFor(f.agents.agent1);
    expect(access.contactKeyCached(chatId)).toBe(false);
    await f.contactChat.contactSend(chatId, secret, { clientId: cid('k'), text: 'first' });
    expect(access.contactKeyCached(chatId)).toBe(true);
    expect(await errorCode(() => f.contactChat.contactSend(chatId, `${secret}x`, { clientId: cid('k'), text: 'forged' }))).toBe('unauthorized');
    expect(await errorCode(() => f.contactChat.contactSend(chatId, null, { clientId: cid('k'), text: 'none' }))).toBe('unauthorized');
    await f.contactChat.contactEnd(chatId, secret);
    expect(access.contactKeyCached(chatId)).toBe(false);
    expect(await errorCode(() => f.contactChat.contactSend(chatId, secret, { clientId: cid('k'), text: 'after the end' }))).toBe('chatClosed');
    // An ended chat's key is not cached again.
    expect(access.contactKeyCached(chatId)).toBe(false);
    expect(await f.db.message.count({ where: { interactionId: chatId, kind: 'TEXT' } })).toBe(1);
  });

  it('an unknown chat id is refused like a wrong secret and caches nothing', async () => {
    expect(await errorCode(() => f.contactChat.contactSend('no-such-chat', 'whatever', { clientId: cid('k'), text: 'x' }))).toBe('unauthorized');
    expect(access.contactKeyCached('no-such-chat')).toBe(false);
  });
});
