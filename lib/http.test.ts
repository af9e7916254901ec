import { describe, expect, it } from 'vitest';
import { MAX_AUTH_BODY, readForm, readText } from './http';

/** A request whose body is produced on demand, counting what the reader pulled. */
function endless(chunk = 1024) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled += chunk;
      c.enqueue(new Uint8Array(chunk).fill(0x61));
    },
  });
  const req = new Request('http://app/api/pusher/auth', { method: 'POST', body, duplex: 'half' } as RequestInit);
  return { req, pulled: () => pulled };
}

describe('capped bodies', () => {
  it('stop reading as soon as the cap is passed (an endless body is refused, not buffered)', async () => {
    const { req, pulled } = endless();
    await expect(readText(req, MAX_AUTH_BODY)).rejects.toMatchObject({ code: 'invalidInput', message: 'request body too large' });
    expect(pulled()).toBeLessThanOrEqual(MAX_AUTH_BODY + 4 * 1024);
  });

  it('refuse a declared length over the cap before reading', async () => {
    const req = new Request('http://app/x', { method: 'POST', body: 'a', headers: { 'content-length': String(MAX_AUTH_BODY + 1) } });
    await expect(readText(req, MAX_AUTH_BODY)).rejects.toMatchObject({ message: 'request body too large' });
  });

  it('read a small form', async () => {
    const req = new Request('http://app/x', { method: 'POST', body: 'socket_id=1.2&channel_name=private-chat-a' });
    expect(await readForm(req)).toEqual({ socket_id: '1.2', channel_name: 'private-chat-a' });
  });
});

describe('per-address budget keys (security round 2: IPv6 by its /64)', () => {
  it('one IPv6 /64 is one budget; IPv4 stays whole', async () => {
    const { budgetKey } = await import('./http');
    const { PEER_ADDRESS_HEADER } = await import('@/lib/security/http-server-hooks');
    const from = (address: string) => budgetKey(new Headers({ [PEER_ADDRESS_HEADER]: address }), false);
    // Behind a proxy: the address the proxy appended.
    expect(budgetKey(new Headers({ 'x-forwarded-for': '198.51.100.1, 2001:db8:9:9::5' }), true)).toBe(budgetKey(new Headers({ 'x-forwarded-for': '2001:db8:9:9::77' }), true));
    expect(from('2001:db8:1:2::1')).toBe(from('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    expect(from('2001:db8:1:2::1')).not.toBe(from('2001:db8:1:3::1'));
    expect(from('203.0.113.7')).toBe('203.0.113.7');
    expect(from('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });
});
