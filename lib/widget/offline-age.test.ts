import { describe, expect, it } from 'vitest';
import { ageOf } from './offline-age';

const now = new Date('2026-12-03T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('offline message age', () => {
  it('minutes, then hours up to two days, then days; never negative', () => {
    expect(ageOf(ago(59_999), now)).toEqual({ unit: 'ageMinutes', n: 0 });
    expect(ageOf(ago(59 * 60_000), now)).toEqual({ unit: 'ageMinutes', n: 59 });
    expect(ageOf(ago(60 * 60_000), now)).toEqual({ unit: 'ageHours', n: 1 });
    expect(ageOf(ago(47 * 3600_000 + 59 * 60_000), now)).toEqual({ unit: 'ageHours', n: 47 });
    expect(ageOf(ago(48 * 3600_000), now)).toEqual({ unit: 'ageDays', n: 2 });
    expect(ageOf(new Date(now.getTime() + 5000), now)).toEqual({ unit: 'ageMinutes', n: 0 });
  });
});
