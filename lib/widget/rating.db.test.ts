// Rating at the end on real PostgreSQL (issue 18): once per chat, only with the chat's secret,
// only after the end; replays and concurrent double-submits never overwrite the first rating.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let rating: typeof import('./rating');

beforeAll(async () => {
  f = await loadFixtures();
  rating = await import('./rating');
});
beforeEach(async () => {
  await f.reset();
});

async function endedChat() {
  const chat = await f.newChat();
  await f.db.interaction.update({ where: { id: chat.chatId }, data: { status: 'ENDED', endedAt: new Date() } });
  return chat;
}

describe('rating', () => {
  it('is refused before the end, with a wrong secret, or out of range', async () => {
    const open = await f.newChat();
    expect(await rating.rateInteraction(f.db, { chatId: open.chatId, secret: open.secret, rating: 5 })).toBe('notAllowed');
    const chat = await endedChat();
    const other = await endedChat();
    expect(await rating.rateInteraction(f.db, { chatId: chat.chatId, secret: other.secret, rating: 5 })).toBe('notAllowed');
    expect(await rating.rateInteraction(f.db, { chatId: 'no-such-chat', secret: chat.secret, rating: 5 })).toBe('notAllowed');
    for (const bad of [0, 6, 2.5, Number.NaN]) expect(await rating.rateInteraction(f.db, { chatId: chat.chatId, secret: chat.secret, rating: bad })).toBe('invalid');
    expect(await rating.rateInteraction(f.db, { chatId: chat.chatId, secret: chat.secret, rating: 4, comment: 'x'.repeat(2001) })).toBe('invalid');
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
    expect([row.rating, row.ratingComment, row.ratedAt]).toEqual([null, null, null]);
  });

  it('is accepted once: a replay and a concurrent burst keep the first rating', async () => {
    const chat = await endedChat();
    expect(await rating.rateInteraction(f.db, { chatId: chat.chatId, secret: chat.secret, rating: 4, comment: ' Quick and kind ' })).toBe('rated');
    expect(await rating.rateInteraction(f.db, { chatId: chat.chatId, secret: chat.secret, rating: 1, comment: 'replay' })).toBe('alreadyRated');
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } });
    expect([row.rating, row.ratingComment]).toEqual([4, 'Quick and kind']);
    expect(row.ratedAt).toBeInstanceOf(Date);

    const second = await endedChat();
    const burst = await Promise.all([1, 2, 3, 4, 5].map((r) => rating.rateInteraction(f.db, { chatId: second.chatId, secret: second.secret, rating: r })));
    expect(burst.filter((r) => r === 'rated')).toHaveLength(1);
    expect(burst.filter((r) => r === 'alreadyRated')).toHaveLength(4);
  });
});
