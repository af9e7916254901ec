import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const h = await hashPassword('agent123!');
    expect(h).not.toContain('agent123!');
    expect(await verifyPassword('agent123!', h)).toBe(true);
    expect(await verifyPassword('agent123', h)).toBe(false);
    expect(await verifyPassword('agent123!', 'garbage')).toBe(false);
  });
  it('salts each hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });
});
