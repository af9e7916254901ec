// Issue 20 on real PostgreSQL: the admin's default time zone for reports is saved with its audit row,
// a zone nobody knows changes nothing, and the reports use the saved zone when the browser sends none.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';
import { resolveParams } from './params';
import { resolveSearch } from './search-params';
import { reportsZoneSchema } from './zone-setting';

let f: Fixtures;
let settingsAdmin: typeof import('@/lib/admin/settings-admin');

beforeAll(async () => {
  f = await loadFixtures();
  settingsAdmin = await import('@/lib/admin/settings-admin');
});
beforeEach(async () => {
  await f.reset();
});

const audits = () => f.db.auditLog.findMany({ where: { target: 'settings:console' }, orderBy: { createdAt: 'asc' } });

describe("the admin's default time zone for reports", () => {
  it('is saved with one audit row (who, before, after) and becomes the reports default', async () => {
    const { admin } = f.agents;
    expect((await f.settings.getSettings()).reportsTimeZone).toBe('America/Toronto');
    const before = (await audits()).length;
    await settingsAdmin.updateSettings(admin, reportsZoneSchema.parse({ reportsTimeZone: 'Asia/Tokyo' }));
    f.settings.forgetCachedSettings();
    const s = await f.settings.getSettings();
    expect(s.reportsTimeZone).toBe('Asia/Tokyo');
    const rows = await audits();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ actorId: admin.id, action: 'settings.update' });
    expect(rows.at(-1)!.details).toEqual({ before: { reportsTimeZone: 'America/Toronto' }, after: { reportsTimeZone: 'Asia/Tokyo' } });

    // No zone from the browser: today is Tokyo's day (midnight there is 15:00 UTC the day before).
    const now = new Date('2026-12-03T20:00:00Z');
    const r = resolveParams({ range: 'today' }, now, s.reportsTimeZone);
    expect(r.timeZone).toBe('Asia/Tokyo');
    expect(r.filter.from.toISOString()).toBe('2026-12-03T15:00:00.000Z');
    expect(resolveSearch({ q: 'x', from: '2026-12-04' }, now, s.reportsTimeZone).filter.from?.toISOString()).toBe('2026-12-03T15:00:00.000Z');
    // The browser's zone, when sent, still wins.
    expect(resolveParams({ range: 'today', tz: 'Europe/Paris' }, now, s.reportsTimeZone).timeZone).toBe('Europe/Paris');
    // Other settings are untouched.
    expect(s.serviceLevelSec).toBe(30);
  });

  it('an unknown zone is refused by the form rule and by the settings themselves: nothing changes, nothing is audited', async () => {
    const { admin } = f.agents;
    const before = (await audits()).length;
    expect(reportsZoneSchema.safeParse({ reportsTimeZone: 'Mars/Olympus' }).success).toBe(false);
    // Even past the action's schema, the settings schema refuses it inside the transaction.
    await expect(settingsAdmin.updateSettings(admin, { reportsTimeZone: 'Mars/Olympus' })).rejects.toThrow();
    f.settings.forgetCachedSettings();
    expect((await f.settings.getSettings()).reportsTimeZone).toBe('America/Toronto');
    expect(await audits()).toHaveLength(before);
  });
});
