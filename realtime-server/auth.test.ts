import Pusher from 'pusher';
import { describe, expect, it } from 'vitest';
import { safeEqual, verifyChannelAuth, verifyHttpRequest, verifyUserAuth } from './auth';
import { isValidChannelName, RateWindow } from './limits';

const app = { appId: '1', key: 'k', secret: 's' };
const sdk = new Pusher({ ...app, host: '127.0.0.1', useTLS: false });

function check(method: string, path: string, query: string, body = '', nowSec?: number) {
  return verifyHttpRequest({ key: app.key, secret: app.secret, method, path, query: new URLSearchParams(query), body: Buffer.from(body), nowSec });
}

describe('auth', () => {
  it('accepts what the pusher SDK signs, GET and POST, and nothing altered', () => {
    const q = sdk.createSignedQueryString({ method: 'GET', path: '/apps/1/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } });
    expect(check('GET', '/apps/1/channels', q)).toEqual({ ok: true });
    expect(check('GET', '/apps/1/channels', q.replace('presence-', 'private-')).ok).toBe(false);
    expect(check('POST', '/apps/1/channels', q).ok).toBe(false);
    const body = JSON.stringify({ name: 'e', data: 'ü', channel: 'c' });
    const pq = sdk.createSignedQueryString({ method: 'POST', path: '/apps/1/events', body });
    expect(check('POST', '/apps/1/events', pq, body)).toEqual({ ok: true });
    expect(check('POST', '/apps/1/events', pq, body + ' ')).toMatchObject({ ok: false, reason: 'Invalid body_md5' });
  });

  it('lower-cases query keys before signing and rejects wrong versions or keys', () => {
    const q = sdk.createSignedQueryString({ method: 'GET', path: '/apps/1/channels', params: {} });
    expect(check('GET', '/apps/1/channels', q.replace('auth_key', 'AUTH_KEY')).ok).toBe(true);
    expect(check('GET', '/apps/1/channels', q.replace('auth_version=1.0', 'auth_version=2.0')).ok).toBe(false);
    expect(check('GET', '/apps/1/channels', q.replace('auth_key=k', 'auth_key=x')).ok).toBe(false);
    const ts = Number(new URLSearchParams(q).get('auth_timestamp'));
    expect(check('GET', '/apps/1/channels', q, '', ts + 601).ok).toBe(false);
    expect(check('GET', '/apps/1/channels', q, '', ts + 599).ok).toBe(true);
  });

  it('verifies channel and user signatures made by the SDK', () => {
    const { auth } = sdk.authorizeChannel('1.2', 'private-a');
    expect(verifyChannelAuth('k', 's', '1.2', 'private-a', auth)).toBe(true);
    expect(verifyChannelAuth('k', 's', '1.3', 'private-a', auth)).toBe(false);
    expect(verifyChannelAuth('k', 's', '1.2', 'private-a', undefined)).toBe(false);
    const p = sdk.authorizeChannel('1.2', 'presence-a', { user_id: 'u' });
    expect(verifyChannelAuth('k', 's', '1.2', 'presence-a', p.auth, p.channel_data)).toBe(true);
    const u = sdk.authenticateUser('1.2', { id: 'u' });
    expect(verifyUserAuth('k', 's', '1.2', u.auth, u.user_data)).toBe(true);
    expect(verifyUserAuth('k', 's', '1.2', u.auth, u.user_data.replace('u', 'v'))).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('limits', () => {
  it('validates channel names like hosted Pusher', () => {
    expect(isValidChannelName('private-a_b-c=d@e,f.g;h')).toBe(true);
    expect(isValidChannelName('a'.repeat(164))).toBe(true);
    expect(isValidChannelName('a'.repeat(165))).toBe(false);
    expect(isValidChannelName('has space')).toBe(false);
    expect(isValidChannelName('#reserved')).toBe(false);
    expect(isValidChannelName('#server-to-user-42')).toBe(true);
    expect(isValidChannelName('')).toBe(false);
  });

  it('allows N events per one-second window', () => {
    const w = new RateWindow(3);
    expect([w.take(0), w.take(1), w.take(2), w.take(3)]).toEqual([true, true, true, false]);
    expect(w.take(1000)).toBe(true);
  });
});
