// Offline messages on real PostgreSQL (issue 18): stored exactly once under retries, including
// concurrent ones; retention purge in batches; erasure of one contact's messages only.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let om: typeof import('./offline-messages');

beforeAll(async () => {
  f = await loadFixtures();
  om = await import('./offline-messages');
});
beforeEach(async () => {
  await f.reset();
  await f.db.offlineMessage.deleteMany(); // reset() resets routing state, not every table
});

const input = (clientKey: string, extra: Partial<import('./offline-messages').OfflineMessageInput> = {}) => ({
  clientKey,
  queueId: 'queue-1',
  name: 'Ada',
  email: 'ada@example.com',
  body: 'Please call me back',
  ...extra,
});

describe('offline messages', () => {
  it('a retried send is stored exactly once, sequentially and concurrently', async () => {
    const first = await om.storeOfflineMessage(f.db, input('k-1'));
    const again = await om.storeOfflineMessage(f.db, input('k-1', { body: 'changed on retry' }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const burst = await Promise.all(Array.from({ length: 8 }, () => om.storeOfflineMessage(f.db, input('k-2'))));
    expect(new Set(burst.map((b) => b.id)).size).toBe(1);
    expect(burst.filter((b) => b.created)).toHaveLength(1);
    expect(await f.db.offlineMessage.count()).toBe(2);
    expect((await f.db.offlineMessage.findUniqueOrThrow({ where: { id: first.id } })).body).toBe('Please call me back');
  });

  it('purges only messages older than the date, in batches', async () => {
    for (let i = 0; i < 7; i++) await om.storeOfflineMessage(f.db, input(`old-${i}`));
    await f.db.offlineMessage.updateMany({ data: { createdAt: new Date('2020-01-01T00:00:00Z') } });
    await om.storeOfflineMessage(f.db, input('new'));
    expect(await om.purgeOfflineMessagesBefore(f.db, new Date('2021-01-01T00:00:00Z'), 3)).toBe(7);
    expect((await f.db.offlineMessage.findMany({ select: { clientKey: true } })).map((r) => r.clientKey)).toEqual(['new']);
    await expect(om.purgeOfflineMessagesBefore(f.db, new Date(), 0)).rejects.toThrow(RangeError);
  });

  it("erases one contact's messages by id and email, nobody else's", async () => {
    await om.storeOfflineMessage(f.db, input('a1', { contactId: 'contact-a' }));
    await om.storeOfflineMessage(f.db, input('a2', { email: 'ADA@example.com' }));
    await om.storeOfflineMessage(f.db, input('b1', { contactId: 'contact-b', email: 'bob@example.com' }));
    expect(await om.eraseContactOfflineMessages(f.db, { contactId: 'contact-a', emails: ['ada@example.com'] })).toBe(2);
    expect((await f.db.offlineMessage.findMany({ select: { clientKey: true } })).map((r) => r.clientKey)).toEqual(['b1']);
  });
});
