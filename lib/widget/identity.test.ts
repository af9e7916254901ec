import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityHash, newSiteSecret, verifyIdentityHash } from './identity';

describe('widget identity HMAC', () => {
  const secret = 'site-secret-1';
  const email = 'ada@example.com';
  const valid = createHmac('sha256', secret).update(email).digest('hex');

  it('accepts HMAC-SHA256(secret, email) in hex, case-insensitively, email normalised', () => {
    expect(identityHash(secret, email)).toBe(valid);
    expect(verifyIdentityHash(secret, email, valid)).toBe(true);
    expect(verifyIdentityHash(secret, '  Ada@Example.COM ', valid.toUpperCase())).toBe(true);
  });

  it('rejects a wrong secret, another email, a truncated or missing hash, and no secret', () => {
    expect(verifyIdentityHash('other', email, valid)).toBe(false);
    expect(verifyIdentityHash(secret, 'eve@example.com', valid)).toBe(false);
    expect(verifyIdentityHash(secret, email, valid.slice(0, 63))).toBe(false);
    expect(verifyIdentityHash(secret, email, `${valid.slice(0, 63)}g`)).toBe(false);
    expect(verifyIdentityHash(secret, email, '')).toBe(false);
    expect(verifyIdentityHash(null, email, valid)).toBe(false);
    expect(verifyIdentityHash(secret, null, valid)).toBe(false);
  });

  it('site secrets are random and long', () => {
    const a = newSiteSecret();
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect(newSiteSecret()).not.toBe(a);
  });
});
