import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installHttpServerHooks, PEER_ADDRESS_HEADER } from './http-server-hooks';
import { sourceAddress } from '../http';

let server: http.Server;
let port: number;
beforeAll(async () => {
  installHttpServerHooks();
  server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ peer: req.headers[PEER_ADDRESS_HEADER] ?? null, source: sourceAddress(new Headers(req.headers as Record<string, string>), false) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the peer address', () => {
  it('is the socket address, whatever the client sends as X-Forwarded-For or under the same header name', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '203.0.113.99', [PEER_ADDRESS_HEADER]: '203.0.113.98' } });
    expect(await res.json()).toEqual({ peer: '127.0.0.1', source: '127.0.0.1' });
  });
});

describe('sourceAddress', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('without TRUST_PROXY: the peer, never the forwarded header', () => {
    expect(sourceAddress(h({ [PEER_ADDRESS_HEADER]: '192.0.2.1', 'x-forwarded-for': '198.51.100.9' }), false)).toBe('192.0.2.1');
  });
  it("with TRUST_PROXY: the last hop (what our proxy appended), not the client's own entries", () => {
    expect(sourceAddress(h({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 192.0.2.7', [PEER_ADDRESS_HEADER]: '10.0.0.1' }), true)).toBe('192.0.2.7');
  });
});

/**
 * Writes an oversize request line slowly, the way a busy client does, and keeps writing after the
 * server has answered. Node's default (answer, then destroy at once) breaks this write with EPIPE
 * or a reset; the hook answers and keeps reading until the client is done.
 */
function slowOversize(): Promise<{ head: string; body: string; error: string | null }> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let got = '';
    let error: string | null = null;
    s.on('data', (d) => (got += d.toString()));
    s.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? String(e)));
    s.on('end', () => s.destroy());
    s.on('close', () => {
      const [head = '', body = ''] = got.split('\r\n\r\n');
      resolve({ head, body, error });
    });
    void (async () => {
      s.write('GET /api/interactions/');
      for (let i = 0; i < 16 && !s.destroyed; i++) {
        await new Promise((r) => setTimeout(r, 10));
        s.write('m'.repeat(65_536));
      }
      if (!s.destroyed) s.end(' HTTP/1.1\r\nHost: x\r\n\r\n');
    })();
  });
}

describe('an oversize request line', () => {
  it('always gets 431 with a JSON error, and the client can finish writing (no EPIPE, no reset)', async () => {
    for (let round = 0; round < 3; round++) {
      const r = await slowOversize();
      expect(r.error).toBeNull();
      expect(r.head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'invalidInput', message: 'request line or headers too large' } });
    }
  });

  it('fetch of a one-megabyte path reads the 431 every time', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/interactions/${'m'.repeat(1_000_000)}`);
        await res.text();
        return res.status;
      }),
    );
    expect(statuses).toEqual(Array(6).fill(431));
  });
});
