import { describe, expect, it } from 'vitest';
import { probe, readiness } from './readiness';

describe('readiness', () => {
  it('is ready only when not draining and both PostgreSQL and the realtime service answer', () => {
    expect(readiness({ draining: false, database: 'ok', realtime: 'ok' })).toEqual({ ready: true, status: 200, reasons: [] });
  });
  it('says not ready while draining, whatever the probes say', () => {
    expect(readiness({ draining: true, database: 'ok', realtime: 'ok' })).toEqual({ ready: false, status: 503, reasons: ['draining'] });
  });
  it('names each unreachable dependency', () => {
    expect(readiness({ draining: false, database: 'unreachable', realtime: 'ok' }).reasons).toEqual(['database']);
    expect(readiness({ draining: false, database: 'ok', realtime: 'unreachable' }).reasons).toEqual(['realtime']);
    expect(readiness({ draining: true, database: 'unreachable', realtime: 'unreachable' })).toEqual({
      ready: false,
      status: 503,
      reasons: ['draining', 'database', 'realtime'],
    });
  });
});

describe('probe', () => {
  it('is ok when the check resolves in time', async () => {
    expect(await probe(async () => 1, 1000)).toBe('ok');
  });
  it('is unreachable when the check throws', async () => {
    expect(await probe(() => Promise.reject(new Error('ECONNREFUSED')), 1000)).toBe('unreachable');
  });
  it('is unreachable when the check never answers', async () => {
    expect(await probe(() => new Promise(() => {}), 20)).toBe('unreachable');
  });
});
