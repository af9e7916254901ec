// The upload budgets shared by app instances (shared-budgets.ts): two budget instances (as two app
// instances would hold) over one real PostgreSQL together stay within each budget, also when
// their requests race.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, resetDb } from '@/test/db';

let SharedUploadBudgets: typeof import('./shared-budgets').SharedUploadBudgets;
let db: Awaited<ReturnType<typeof getDb>>;
beforeAll(async () => {
  db = await getDb();
  ({ SharedUploadBudgets } = await import('./shared-budgets'));
});
beforeEach(() => resetDb());

const KIB = 1024;
const limits = { inFlightPerAddress: 3, bytesPerAddressPerHour: 500 * KIB };

describe('bytes per address per hour, across two instances', () => {
  it('one budget for both: what one spent the other cannot', async () => {
    const a = new SharedUploadBudgets(limits);
    const b = new SharedUploadBudgets(limits);
    expect(await a.spend('10.0.0.1', 300 * KIB)).toBe(true);
    expect(await b.spend('10.0.0.1', 300 * KIB)).toBe(false); // 600 > 500
    expect(await b.spend('10.0.0.1', 200 * KIB)).toBe(true); // exactly 500
    expect(await a.spend('10.0.0.1', 1)).toBe(false);
    // another address has its own budget; a refused spend cost nothing
    expect(await b.spend('10.0.0.2', 500 * KIB)).toBe(true);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'upload-bytes:10.0.0.1' } })).count).toBe(500);
  });

  it('racing spends from both instances admit exactly what fits', async () => {
    const a = new SharedUploadBudgets(limits);
    const b = new SharedUploadBudgets(limits);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).spend('10.0.0.3', 100 * KIB)));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'upload-bytes:10.0.0.3' } })).count).toBe(500);
  });

  it('a file larger than the whole budget is refused without touching it; a spent window rolls over', async () => {
    const a = new SharedUploadBudgets(limits);
    expect(await a.spend('10.0.0.4', 501 * KIB)).toBe(false);
    expect(await db.rateLimit.count()).toBe(0);
    expect(await a.spend('10.0.0.4', 500 * KIB)).toBe(true);
    expect(await a.spend('10.0.0.4', KIB)).toBe(false);
    await db.rateLimit.update({ where: { key: 'upload-bytes:10.0.0.4' }, data: { windowEnd: new Date(Date.now() - 1000) } });
    expect(await new SharedUploadBudgets(limits).spend('10.0.0.4', 400 * KIB)).toBe(true);
  });
});

describe('uploads in flight per address, across two instances', () => {
  it('one count for both; a released slot is free again for either', async () => {
    const a = new SharedUploadBudgets(limits);
    const b = new SharedUploadBudgets(limits);
    const s1 = await a.begin('10.0.1.1');
    const s2 = await b.begin('10.0.1.1');
    const s3 = await a.begin('10.0.1.1');
    expect(await b.begin('10.0.1.1')).toEqual({ refused: 'addressBusy' });
    expect('release' in (await a.begin('10.0.1.2'))).toBe(true); // another address
    if (!('release' in s2)) throw new Error('s2 refused');
    await s2.release();
    await s2.release(); // twice frees one slot only
    const s4 = await b.begin('10.0.1.1');
    expect('release' in s4).toBe(true);
    expect(await a.begin('10.0.1.1')).toEqual({ refused: 'addressBusy' });
    expect([s1, s3].every((s) => 'release' in s)).toBe(true);
  });

  it('racing begins from both instances take exactly the limit', async () => {
    const a = new SharedUploadBudgets(limits);
    const b = new SharedUploadBudgets(limits);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).begin('10.0.1.3')));
    expect(results.filter((r) => 'release' in r)).toHaveLength(3);
    expect(await db.uploadSlot.count({ where: { address: '10.0.1.3' } })).toBe(3);
  });

  it('a slot past its expiry (an instance died mid-upload) counts for nothing, and is swept', async () => {
    const a = new SharedUploadBudgets(limits);
    for (let i = 0; i < 3; i++) expect('release' in (await a.begin('10.0.1.4'))).toBe(true);
    expect(await a.begin('10.0.1.4')).toEqual({ refused: 'addressBusy' });
    await db.uploadSlot.updateMany({ where: { address: '10.0.1.4' }, data: { expiresAt: new Date(Date.now() - 120_000) } });
    expect('release' in (await new SharedUploadBudgets(limits).begin('10.0.1.4'))).toBe(true);
    expect(await SharedUploadBudgets.sweep()).toBe(3);
    expect(await db.uploadSlot.count()).toBe(1);
  });
});
