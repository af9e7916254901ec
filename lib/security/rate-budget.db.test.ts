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
const takeAll = (b: InstanceType<typeof HotBudgets>, key: string, limit: number, n: number) => {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    try {
      b.take(budget(key, limit));
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
    expect(takeAll(b, 'chat:write:x', 10, 25)).toBe(10);
    await b.flush();
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: 'chat:write:x' } });
    expect(row.count).toBe(10);
    b.close();
  });

  it('share one budget between two instances once they have flushed', async () => {
    const a = new HotBudgets();
    const b = new HotBudgets();
    expect(takeAll(a, 'ip:1.2.3.4', 10, 7)).toBe(7);
    await a.flush();
    // b has not counted this key yet: it reads the shared 7 on its first flush.
    expect(takeAll(b, 'ip:1.2.3.4', 10, 1)).toBe(1);
    await b.flush();
    expect(takeAll(b, 'ip:1.2.3.4', 10, 10)).toBe(2);
    await b.flush();
    await a.flush();
    expect(takeAll(a, 'ip:1.2.3.4', 10, 5)).toBe(0);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'ip:1.2.3.4' } })).count).toBe(10);
    a.close();
    b.close();
  });

  it('reopens a refused budget when its shared row is reset', async () => {
    const b = new HotBudgets();
    expect(takeAll(b, 'chat:typing:y', 3, 5)).toBe(3);
    await b.flush();
    expect(takeAll(b, 'chat:typing:y', 3, 1)).toBe(0);
    await db.rateLimit.deleteMany({});
    await b.flush();
    expect(takeAll(b, 'chat:typing:y', 3, 5)).toBe(3);
    b.close();
  });
});

describe('hot rate budgets while a flush is on its way', () => {
  it('still count what the flush carries (no request admitted twice over)', async () => {
    const b = new HotBudgets();
    expect(takeAll(b, 'chat:typing:z', 10, 6)).toBe(6);
    const flushing = b.flush(); // 6 on their way to the table
    expect(takeAll(b, 'chat:typing:z', 10, 10)).toBe(4);
    await flushing;
    expect(takeAll(b, 'chat:typing:z', 10, 3)).toBe(0);
    await b.flush();
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'chat:typing:z' } })).count).toBe(10);
    b.close();
  });
});
