import { describe, expect, it } from 'vitest';
import { reportsZoneSchema, zoneChoices } from './zone-setting';

describe("the admin's default time zone for reports", () => {
  it('accepts IANA zones the runtime knows', () => {
    for (const z of ['America/Toronto', 'Europe/Paris', 'Asia/Tokyo', 'UTC', 'America/St_Johns'])
      expect(reportsZoneSchema.safeParse({ reportsTimeZone: z }).success, z).toBe(true);
  });

  it('refuses anything else: unknown zones, offsets, empty, huge, wrong type, extra keys', () => {
    for (const bad of [{ reportsTimeZone: 'Mars/Olympus' }, { reportsTimeZone: '+05:00x' }, { reportsTimeZone: '' }, { reportsTimeZone: 'A'.repeat(1_000_000) }, { reportsTimeZone: 5 }, { reportsTimeZone: null }, {}, { reportsTimeZone: 'UTC', ratingEnabled: false }])
      expect(reportsZoneSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(false);
  });

  it('offers every known zone once, sorted, with UTC and the current value', () => {
    const choices = zoneChoices('America/Toronto');
    expect(choices).toContain('UTC');
    expect(choices).toContain('America/Toronto');
    expect(choices).toContain('Europe/Paris');
    expect(new Set(choices).size).toBe(choices.length);
    expect(choices).toEqual([...choices].sort((a, b) => a.localeCompare(b, 'en')));
    // A current value outside the list (an alias) stays selectable; an unknown one is not offered.
    expect(zoneChoices('US/Eastern', ['America/Toronto'])).toEqual(['America/Toronto', 'US/Eastern', 'UTC']);
    expect(zoneChoices('Mars/Olympus', ['America/Toronto'])).toEqual(['America/Toronto', 'UTC']);
  });
});
