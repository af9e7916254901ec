import { describe, expect, it } from 'vitest';
import { sessionCookie } from './session-token';

describe('sessionCookie', () => {
  it('reads next-auth’s session cookie, secure or not', () => {
    expect(sessionCookie('a=1; next-auth.session-token=abc.def; b=2')).toBe('abc.def');
    expect(sessionCookie('__Secure-next-auth.session-token=xyz')).toBe('xyz');
  });
  it('joins a chunked token in order', () => {
    expect(sessionCookie('next-auth.session-token.1=second; next-auth.session-token.0=first')).toBe('firstsecond');
  });
  it('finds nothing without the cookie', () => {
    expect(sessionCookie(null)).toBeNull();
    expect(sessionCookie('next-auth.csrf-token=1; other=2')).toBeNull();
  });
});
