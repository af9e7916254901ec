import { describe, expect, it } from 'vitest';
import { isOwnRetry } from './client-id';

describe('a duplicate clientId (security round 2, defect 9)', () => {
  const contactLine = { visibility: 'EVERYONE', senderType: 'CONTACT', senderUserId: null } as const;
  const agentLine = { visibility: 'EVERYONE', senderType: 'AGENT', senderUserId: 'u1' } as const;
  const coaching = { visibility: 'INTERNAL', senderType: 'AGENT', senderUserId: 'u1' } as const;
  it('returns the stored message for the sender’s own retry only', () => {
    expect(isOwnRetry(contactLine, { type: 'CONTACT' })).toBe(true);
    expect(isOwnRetry(agentLine, { type: 'AGENT', userId: 'u1' })).toBe(true);
    expect(isOwnRetry(agentLine, { type: 'AGENT', userId: 'u2' })).toBe(false);
    expect(isOwnRetry(agentLine, { type: 'CONTACT' })).toBe(false);
    expect(isOwnRetry(contactLine, { type: 'AGENT', userId: 'u1' })).toBe(false);
    expect(isOwnRetry(coaching, { type: 'CONTACT' })).toBe(false);
    expect(isOwnRetry(coaching, { type: 'AGENT', userId: 'u1' })).toBe(false);
    expect(isOwnRetry({ visibility: 'EVERYONE', senderType: 'SYSTEM', senderUserId: null }, { type: 'CONTACT' })).toBe(false);
  });
});
