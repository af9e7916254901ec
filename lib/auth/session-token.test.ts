import { describe, expect, it } from 'vitest';
import { httpsDeployment, sessionCookie } from './session-token';

describe('sessionCookie', () => {
  it('reads next-auth’s session cookie, secure or not, on a plain-HTTP deployment', () => {
    expect(sessionCookie('a=1; next-auth.session-token=abc.def; b=2', false)).toBe('abc.def');
    expect(sessionCookie('__Secure-next-auth.session-token=xyz', false)).toBe('xyz');
  });
  it('on an HTTPS deployment reads only the __Secure- cookie (security round 2, defect 9)', () => {
    expect(sessionCookie('a=1; next-auth.session-token=abc.def; b=2', true)).toBeNull();
    expect(sessionCookie('next-auth.session-token.0=a; next-auth.session-token.1=b', true)).toBeNull();
    expect(sessionCookie('next-auth.session-token=planted; __Secure-next-auth.session-token=xyz', true)).toBe('xyz');
    expect(httpsDeployment('https://chat.example.com')).toBe(true);
    expect(httpsDeployment('http://localhost:3000')).toBe(false);
    expect(httpsDeployment(undefined)).toBe(false);
  });
  it('joins a chunked token in order', () => {
    expect(sessionCookie('next-auth.session-token.1=second; next-auth.session-token.0=first', false)).toBe('firstsecond');
  });
  it('finds nothing without the cookie', () => {
    expect(sessionCookie(null, false)).toBeNull();
    expect(sessionCookie('next-auth.csrf-token=1; other=2', false)).toBeNull();
  });
});
