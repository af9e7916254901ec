import { describe, expect, it } from 'vitest';
import { isStaleQueueNotice, nextWaitTick, noticesAfterAccept } from './wait-notices';

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 12, 0, s));

describe('estimated wait updates on every accept (issue 18)', () => {
  it('tells every contact still waiting in the accepted chat’s queue their place, oldest first, and nobody else', () => {
    const waiting = [
      { id: 'c3', queueId: 'main', createdAt: at(30), lastSeq: 1 },
      { id: 'b1', queueId: 'billing', createdAt: at(5), lastSeq: 4 },
      { id: 'c1', queueId: 'main', createdAt: at(10), lastSeq: 2 },
      { id: 'c2b', queueId: 'main', createdAt: at(20), lastSeq: 1 },
      { id: 'c2a', queueId: 'main', createdAt: at(20), lastSeq: 3 },
    ];
    expect(noticesAfterAccept('main', waiting)).toEqual([
      { interactionId: 'c1', status: 'QUEUED', lastSeq: 2, queuePosition: 1 },
      { interactionId: 'c2a', status: 'QUEUED', lastSeq: 3, queuePosition: 2 },
      { interactionId: 'c2b', status: 'QUEUED', lastSeq: 1, queuePosition: 3 },
      { interactionId: 'c3', status: 'QUEUED', lastSeq: 1, queuePosition: 4 },
    ]);
    expect(noticesAfterAccept('sales', waiting)).toEqual([]);
  });

  it('every queue notice while waiting re-reads the estimate, even at the same position; other events do not', () => {
    expect(nextWaitTick(0, { status: 'QUEUED', queuePosition: 2 })).toBe(1);
    expect(nextWaitTick(1, { status: 'QUEUED', queuePosition: 2 })).toBe(2);
    expect(nextWaitTick(2, { status: 'OFFERED', queuePosition: 1 })).toBe(3);
    expect(nextWaitTick(3, { status: 'ACTIVE', queuePosition: null })).toBe(3);
    expect(nextWaitTick(3, { status: 'ENDED', queuePosition: null })).toBe(3);
  });

  it('a queue notice older than what the page has seen does not put an accepted chat back in the queue', () => {
    expect(isStaleQueueNotice({ status: 'QUEUED', lastSeq: 3 }, 4)).toBe(true);
    expect(isStaleQueueNotice({ status: 'QUEUED', lastSeq: 4 }, 4)).toBe(false);
    expect(isStaleQueueNotice({ status: 'ACTIVE', lastSeq: 4 }, 5)).toBe(false);
  });
});
