import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, realtimeOrigins } from './csp';

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy({ nonce: 'abc', dev: false, realtimeOrigins: ['ws://127.0.0.1:6001'] });
  it('allows scripts only with the nonce and forbids framing', () => {
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
  it("lets only the widget page's allowed origins frame it (issue 18)", () => {
    const widget = contentSecurityPolicy({ nonce: 'abc', dev: false, realtimeOrigins: [], frameAncestors: ['https://shop.example', 'http://localhost:5000'] });
    expect(widget).toMatch(/frame-ancestors https:\/\/shop\.example http:\/\/localhost:5000(;|$)/);
    expect(contentSecurityPolicy({ nonce: 'abc', dev: false, realtimeOrigins: [], frameAncestors: [] })).toContain("frame-ancestors 'none'");
  });
  it('lets the page reach the realtime server and nothing else', () => {
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:6001");
  });
});

describe('realtimeOrigins', () => {
  it('uses the configured host, or hosted Pusher by cluster', () => {
    expect(realtimeOrigins({ wsHost: 'rt.example.com', wsPort: 443, forceTLS: true, cluster: 'mt1' })).toEqual(['wss://rt.example.com:443']);
    expect(realtimeOrigins({ forceTLS: true, cluster: 'eu' })[0]).toBe('wss://ws-eu.pusher.com');
  });
});
