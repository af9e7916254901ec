import { describe, expect, it } from 'vitest';
import { backoffSec, LOGIN_PAIR, loginBudgets } from './login-policy';

describe('sign-in back-off', () => {
  it('is free up to the allowance, then doubles up to the cap', () => {
    expect([0, 4].map((n) => backoffSec(n, LOGIN_PAIR))).toEqual([0, 0]);
    expect([5, 6, 7, 9].map((n) => backoffSec(n, LOGIN_PAIR))).toEqual([30, 60, 120, 480]);
    expect(backoffSec(100, LOGIN_PAIR)).toBe(LOGIN_PAIR.maxBackoffSec);
  });
  it('keys every budget by the address, never by the email alone', () => {
    const keys = loginBudgets('Agent1@Example.com ', '198.51.100.1').map((b) => b.key);
    expect(keys).toEqual(['login:pair:198.51.100.1|agent1@example.com', 'login:addr:198.51.100.1']);
  });
});
