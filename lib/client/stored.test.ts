import { describe, expect, it } from 'vitest';
import { readStored, storedShapes } from './stored';

const from = (store: Record<string, string>) => (key: string) => store[key] ?? null;

describe('readStored', () => {
  it('answers what was stored when it has the expected shape', () => {
    const read = from({ s: JSON.stringify({ chatId: 'c1', secret: 'k' }), r: JSON.stringify([{ type: 'AGENT', ref: 'u1' }]) });
    expect(readStored(read, 's', storedShapes.chatSession, null)).toEqual({ chatId: 'c1', secret: 'k' });
    expect(readStored(read, 'r', storedShapes.recentTargets, [])).toEqual([{ type: 'AGENT', ref: 'u1' }]);
  });

  it('falls back on a missing key, broken JSON, a wrong shape, or storage that throws', () => {
    const read = from({ bad: '{not json', wrong: JSON.stringify([{ type: 'SOMETHING', ref: 1 }]), obj: JSON.stringify({ a: 1 }) });
    expect(readStored(read, 'missing', storedShapes.dismissedInvitations, [])).toEqual([]);
    expect(readStored(read, 'bad', storedShapes.dismissedInvitations, [])).toEqual([]);
    expect(readStored(read, 'wrong', storedShapes.recentTargets, [])).toEqual([]);
    expect(readStored(read, 'obj', storedShapes.outbox, [])).toEqual([]);
    expect(readStored(read, 'obj', storedShapes.chatSession, null)).toBeNull();
    const throwing = () => {
      throw new Error('SecurityError');
    };
    expect(readStored(throwing, 'x', storedShapes.dismissedInvitations, ['kept'])).toEqual(['kept']);
  });

  it('takes an outbox left by the page, files included, and refuses one with a bad status', () => {
    const item = {
      clientId: 'c-1',
      text: 'hi',
      status: 'failed',
      permanent: true,
      error: 'chatClosed',
      createdAt: '2026-12-03T10:00:00.000Z',
      attachments: [{ id: 'f1', name: 'a.pdf', size: 10, type: 'application/pdf' }],
    };
    expect(readStored(from({ o: JSON.stringify([item]) }), 'o', storedShapes.outbox, [])).toEqual([item]);
    expect(readStored(from({ o: JSON.stringify([{ ...item, status: 'sent' }]) }), 'o', storedShapes.outbox, [])).toEqual([]);
  });
});
