import { describe, expect, it } from 'vitest';
import { agentDraftKey, agentOutboxKey } from './outbox-key';

describe('agent outbox and draft keys', () => {
  it('belong to the signed-in user: two agents on one browser never share them', () => {
    expect(agentOutboxKey('u1', 'c1')).not.toBe(agentOutboxKey('u2', 'c1'));
    expect(agentDraftKey('u1', 'c1')).not.toBe(agentDraftKey('u2', 'c1'));
    expect(agentOutboxKey('u1', 'c1')).not.toBe(agentDraftKey('u1', 'c1'));
  });
});
