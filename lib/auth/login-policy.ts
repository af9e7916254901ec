/**
 * Sign-in throttling policy (pure). Two budgets per attempt, both keyed by the address the
 * request came from (see clientIp in lib/http.ts), never by the email alone — a per-email lock
 * would let anyone lock any staff member out by typing wrong passwords for them:
 *
 * - per (email, address): 5 free failures, then an exponential back-off (30 s, 1 min, 2 min … up
 *   to 15 min) before each further try; forgotten 15 min after the last failure; cleared on success.
 * - per address, all emails together (password spraying): 30 free failures, then the same back-off.
 */
export interface LoginBudget {
  key: string;
  free: number;
  /** The first wait after the free failures; doubled by each further failure. */
  baseBackoffSec: number;
  windowSec: number;
  maxBackoffSec: number;
}

export const LOGIN_PAIR = { free: 5, baseBackoffSec: 30, windowSec: 15 * 60, maxBackoffSec: 15 * 60 } as const;
export const LOGIN_ADDRESS = { free: 30, baseBackoffSec: 30, windowSec: 15 * 60, maxBackoffSec: 15 * 60 } as const;

export function loginBudgets(email: string, address: string): [LoginBudget, LoginBudget] {
  const e = email.trim().toLowerCase().slice(0, 200);
  const a = address.slice(0, 64);
  return [
    { key: `login:pair:${a}|${e}`, ...LOGIN_PAIR },
    { key: `login:addr:${a}`, ...LOGIN_ADDRESS },
  ];
}

/** Seconds to wait after `failures` failures in a row before the next try (0 = no wait). */
export function backoffSec(failures: number, budget: Pick<LoginBudget, 'free' | 'baseBackoffSec' | 'maxBackoffSec'>): number {
  if (failures < budget.free) return 0;
  return Math.min(budget.maxBackoffSec, budget.baseBackoffSec * 2 ** (failures - budget.free));
}

/** The sign-in error (next-auth passes it to the form as `error`) when an attempt is throttled. */
export const LOGIN_THROTTLED = 'throttled';
