import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStarts, rangeOf, zoneOffsetMin } from './intervals';

const TZ = 'America/Toronto';
const iso = (d: Date) => d.toISOString();

describe('interval bucketing in the supervisor time zone', () => {
  it('buckets across midnight on the zone wall clock', () => {
    // 23:50 and 00:10 Toronto (EST, UTC-5) on 2026-01-14/15.
    const before = new Date('2026-01-15T04:50:00Z');
    const after = new Date('2026-01-15T05:10:00Z');
    expect(iso(bucketStart(before, 'day', TZ))).toBe('2026-01-14T05:00:00.000Z');
    expect(iso(bucketStart(after, 'day', TZ))).toBe('2026-01-15T05:00:00.000Z');
    expect(iso(bucketStart(after, '15m', TZ))).toBe('2026-01-15T05:00:00.000Z');
    expect(iso(bucketStart(before, '30m', TZ))).toBe('2026-01-15T04:30:00.000Z');
    expect(bucketStarts(new Date('2026-01-15T04:00:00Z'), new Date('2026-01-15T06:00:00Z'), 'hour', TZ).map(iso)).toEqual([
      '2026-01-15T04:00:00.000Z',
      '2026-01-15T05:00:00.000Z',
    ]);
  });

  it('makes the spring-forward day 23 hours and the fall-back day 25 hours', () => {
    expect(zoneOffsetMin(new Date('2026-03-08T06:00:00Z'), TZ)).toBe(-300);
    expect(zoneOffsetMin(new Date('2026-03-08T08:00:00Z'), TZ)).toBe(-240);
    const spring = rangeOf('custom', new Date(), TZ, { from: '2026-03-08', to: '2026-03-08' });
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
    expect(bucketStarts(spring.from, spring.to, 'hour', TZ)).toHaveLength(23);
    const fall = rangeOf('custom', new Date(), TZ, { from: '2026-11-01', to: '2026-11-01' });
    expect((fall.to.getTime() - fall.from.getTime()) / 3_600_000).toBe(25);
    expect(bucketStarts(fall.from, fall.to, '15m', TZ)).toHaveLength(100);
    expect(bucketStarts(new Date('2026-03-07T05:00:00Z'), new Date('2026-03-10T04:00:00Z'), 'day', TZ).map(iso)).toEqual([
      '2026-03-07T05:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
  });

  it('resolves the presets in the zone', () => {
    const now = new Date('2026-01-15T03:00:00Z'); // 22:00 on the 14th in Toronto
    expect(iso(rangeOf('today', now, TZ).from)).toBe('2026-01-14T05:00:00.000Z');
    expect(iso(rangeOf('yesterday', now, TZ).from)).toBe('2026-01-13T05:00:00.000Z');
    const l7 = rangeOf('last7', now, TZ);
    expect((l7.to.getTime() - l7.from.getTime()) / 86_400_000).toBe(7);
    expect(iso(rangeOf('last30', now, TZ).to)).toBe('2026-01-15T05:00:00.000Z');
  });
});
