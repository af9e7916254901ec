import { describe, expect, it } from 'vitest';
import { canonicalOrigin, embeddingOrigin, frameAncestors, parseAllowedOrigins } from './origins';

describe('Allowed origins (issue 18)', () => {
  it('accepts scheme://host[:port] only, in canonical form', () => {
    expect(canonicalOrigin('https://www.Example.com')).toBe('https://www.example.com');
    expect(canonicalOrigin('https://www.example.com/')).toBe('https://www.example.com');
    expect(canonicalOrigin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(canonicalOrigin('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(canonicalOrigin('  http://127.0.0.1:3000  ')).toBe('http://127.0.0.1:3000');
    for (const bad of [
      '',
      'example.com',
      'https://example.com/path',
      'https://example.com?x=1',
      'https://example.com#x',
      'https://*.example.com',
      '*',
      "'self'",
      'javascript:alert(1)',
      'ftp://example.com',
      'https://user:pw@example.com',
      'https://exa mple.com',
      'https://example.com; script-src *',
      'data:text/html,x',
    ]) {
      expect(canonicalOrigin(bad), bad).toBeNull();
    }
  });

  it('parses one origin per line, skipping blank lines and duplicates, or names the bad lines', () => {
    expect(parseAllowedOrigins('https://a.example\n\n  http://localhost:5000 \r\nhttps://A.example/\n')).toEqual({ ok: true, origins: ['https://a.example', 'http://localhost:5000'] });
    expect(parseAllowedOrigins('')).toEqual({ ok: true, origins: [] });
    expect(parseAllowedOrigins('https://a.example\nnot an origin\nhttps://b.example/x')).toEqual({ ok: false, invalid: ['not an origin', 'https://b.example/x'] });
  });

  it("frame-ancestors lists the origins, or 'none' when there are none", () => {
    expect(frameAncestors([])).toEqual(["'none'"]);
    expect(frameAncestors(['https://a.example', 'http://localhost:5000'])).toEqual(['https://a.example', 'http://localhost:5000']);
    // Anything not canonical (a stored value tampered with) never reaches the header.
    expect(frameAncestors(['https://a.example; script-src *', '*'])).toEqual(["'none'"]);
  });

  it('the embedding origin is used only when it is allowed', () => {
    const allowed = ['https://shop.example'];
    expect(embeddingOrigin({ ancestorOrigins: ['https://shop.example'], allowed })).toBe('https://shop.example');
    expect(embeddingOrigin({ ancestorOrigins: ['https://evil.example'], referrer: 'https://shop.example/page', allowed })).toBeNull();
    expect(embeddingOrigin({ referrer: 'https://shop.example/a/b?c', allowed })).toBe('https://shop.example');
    expect(embeddingOrigin({ referrer: 'https://evil.example/', allowed })).toBeNull();
    expect(embeddingOrigin({ referrer: 'not a url', allowed })).toBeNull();
    expect(embeddingOrigin({ allowed })).toBeNull();
  });
});
