// Security round 2 (defect 9): sign-in runs scrypt for unknown emails and inactive accounts too,
// so its timing does not reveal which emails exist. Counted on node:crypto's scrypt itself.
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    scrypt: ((...args: Parameters<typeof real.scrypt>) => {
      calls.n++;
      return (real.scrypt as (...a: unknown[]) => void)(...args);
    }) as typeof real.scrypt,
  };
});

const { checkCredentials, hashPassword } = await import('./password');

describe('checkCredentials', () => {
  it('does one scrypt for an unknown account, an inactive one, a wrong and a right password', async () => {
    const passwordHash = await hashPassword('right-password');
    const cases: [Parameters<typeof checkCredentials>[0], string, boolean][] = [
      [null, 'anything', false],
      [{ active: false, passwordHash }, 'right-password', false],
      [{ active: true, passwordHash }, 'wrong-password', false],
      [{ active: true, passwordHash }, 'right-password', true],
    ];
    for (const [account, password, ok] of cases) {
      calls.n = 0;
      expect(await checkCredentials(account, password)).toBe(ok);
      expect(calls.n).toBe(1);
    }
  });
});
