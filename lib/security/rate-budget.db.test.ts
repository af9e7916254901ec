// The hot path's rate budgets (rate-budget.ts) on real PostgreSQL: exact within one instance,
// shared across instances through the RateLimit rows within one flush interval.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, resetDb } from '@/test/db';

let HotBudgets: typeof import('./rate-budget').HotBudgets;
let db: Awaited<ReturnType<typeof getDb>>;
beforeAll(async () => {
  db = await getDb();
  ({ HotBudgets } = await import('./rate-budget'));
});
beforeEach(() => resetDb());

const budget = (key: string, limit: number) => [{ key, limit, windowSec: 60 }];
const takeAll = async (b: InstanceType<typeof HotBudgets>, key: string, limit: number, n: number) => {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    try {
      await b.take(budget(key, limit));
      ok++;
    } catch (e) {
      expect((e as { code?: string }).code).toBe('rateLimited');
    }
  }
  return ok;
};

describe('hot rate budgets', () => {
  it('admit exactly the limit within one instance, and count it in the shared row', async () => {
    const b = new HotBudgets();
    expect(await takeAll(b, 'chat:write:x', 10, 25)).toBe(10);
    await b.flush();
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: 'chat:write:x' } });
    expect(row.count).toBe(10);
    b.close();
  });

  it('share one budget between two instances once they have flushed', async () => {
    const a = new HotBudgets();
    const b = new HotBudgets();
    expect(await takeAll(a, 'ip:1.2.3.4', 10, 7)).toBe(7);
    await a.flush();
    // b has not counted this key yet: its first check reads the shared 7.
    expect(await takeAll(b, 'ip:1.2.3.4', 10, 1)).toBe(1);
    await b.flush();
    expect(await takeAll(b, 'ip:1.2.3.4', 10, 10)).toBe(2);
    await b.flush();
    await a.flush();
    expect(await takeAll(a, 'ip:1.2.3.4', 10, 5)).toBe(0);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'ip:1.2.3.4' } })).count).toBe(10);
    a.close();
    b.close();
  });

  it('reopens a refused budget when its shared row is reset', async () => {
    const b = new HotBudgets();
    expect(await takeAll(b, 'chat:typing:y', 3, 5)).toBe(3);
    await b.flush();
    expect(await takeAll(b, 'chat:typing:y', 3, 1)).toBe(0);
    await db.rateLimit.deleteMany({});
    await b.flush();
    expect(await takeAll(b, 'chat:typing:y', 3, 5)).toBe(3);
    b.close();
  });
});

describe('hot rate budgets while a flush is on its way', () => {
  it('still count what the flush carries (no request admitted twice over)', async () => {
    const b = new HotBudgets();
    expect(await takeAll(b, 'chat:typing:z', 10, 6)).toBe(6);
    const flushing = b.flush(); // 6 on their way to the table
    expect(await takeAll(b, 'chat:typing:z', 10, 10)).toBe(4);
    await flushing;
    expect(await takeAll(b, 'chat:typing:z', 10, 3)).toBe(0);
    await b.flush();
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'chat:typing:z' } })).count).toBe(10);
    b.close();
  });
});

describe('hot rate budgets under a flood of refused requests (issue 15 defect 7)', () => {
  it('create no entry for a request they refuse', async () => {
    const b = new HotBudgets();
    const ip = { key: 'ip:9.9.9.9', limit: 1, windowSec: 60 };
    await b.take([ip, { key: 'chat:write:c0', limit: 10, windowSec: 60 }]);
    for (let i = 1; i <= 50; i++) {
      await expect(b.take([ip, { key: `chat:write:c${i}`, limit: 10, windowSec: 60 }])).rejects.toMatchObject({ code: 'rateLimited' });
    }
    expect(b.size).toBe(2);
    b.close();
  });

  it('hold at most maxKeys entries: a full map of unflushed counts refuses, a flushed one makes room', async () => {
    // No timed flush: the test flushes by hand, so a slow machine cannot flush between the takes.
    const b = new HotBudgets(Date.now, 10, 0);
    for (let i = 0; i < 10; i++) await b.take(budget(`ip:10.0.0.${i}`, 5));
    await expect(b.take(budget('ip:10.0.0.99', 5))).rejects.toMatchObject({ code: 'rateLimited' });
    expect(b.size).toBe(10);
    await b.flush(); // every count is in the shared rows: the oldest can be forgotten
    for (let i = 0; i < 8; i++) await b.take(budget(`ip:10.0.1.${i}`, 5));
    expect(b.size).toBeLessThanOrEqual(10);
    // A forgotten key is read back from the shared row on its next check: its count is not lost.
    expect(await takeAll(b, 'ip:10.0.0.0', 5, 10)).toBe(4);
    b.close();
  });

  it('read the shared count on the first check of a new key, so N instances do not get N budgets', async () => {
    const a = new HotBudgets();
    expect(await takeAll(a, 'ip:5.5.5.5', 10, 7)).toBe(7);
    await a.flush();
    const b = new HotBudgets();
    // b has never counted this key: it admits only what is left of the 10, not a budget of its own.
    expect(await takeAll(b, 'ip:5.5.5.5', 10, 10)).toBe(3);
    await b.flush();
    const c = new HotBudgets();
    expect(await takeAll(c, 'ip:5.5.5.5', 10, 10)).toBe(0);
    for (const x of [a, b, c]) x.close();
  });
});
