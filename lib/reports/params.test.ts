import { describe, expect, it } from 'vitest';
import { resolveParams } from './params';

const now = new Date('2026-01-15T15:00:00Z');

describe('report parameters', () => {
  it('defaults to today in the admin zone', () => {
    const r = resolveParams({}, now, 'America/Toronto');
    expect(r.params).toMatchObject({ range: 'today', interval: 'hour' });
    expect(r.filter.from.toISOString()).toBe('2026-01-15T05:00:00.000Z');
  });

  it('uses the supervisor zone and a custom range', () => {
    const r = resolveParams({ range: 'custom', from: '2026-01-01', to: '2026-01-02', tz: 'Europe/Paris', queue: 'q1' }, now, 'America/Toronto');
    expect(r.timeZone).toBe('Europe/Paris');
    expect(r.filter).toMatchObject({ queueId: 'q1' });
    expect(r.filter.from.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(r.filter.to.toISOString()).toBe('2026-01-02T23:00:00.000Z');
  });

  it('falls back on bad input instead of failing', () => {
    const r = resolveParams({ range: 'custom', from: '2026-02-01', to: '2026-01-01', tz: 'Mars/Olympus', interval: 'week' }, now, 'UTC');
    expect(r.params.range).toBe('today');
    expect(r.params.interval).toBe('hour');
    expect(r.timeZone).toBe('UTC');
    expect(resolveParams({ queue: "x' OR 1=1 --", agent: '\u0000' }, now, 'UTC').filter).toMatchObject({ queueId: undefined, agentId: undefined });
  });
});
