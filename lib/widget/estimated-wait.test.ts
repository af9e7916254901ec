import { describe, expect, it } from 'vitest';
import { estimateWait, median, recentWaits } from './estimated-wait';

const min = (n: number) => n * 60_000;

describe('estimated wait', () => {
  it('too little history reads "a few minutes"', () => {
    expect(estimateWait({ recentWaitsMs: [min(2), min(3), min(4), min(5)], position: 1, readyAgents: 1 })).toEqual({ kind: 'fewMinutes' });
  });

  it('median of the history, scaled by contacts ahead per Ready agent', () => {
    const h = [min(1), min(2), min(3), min(4), min(10)]; // median 3 min
    expect(median(h)).toBe(min(3));
    expect(estimateWait({ recentWaitsMs: h, position: 1, readyAgents: 1 })).toEqual({ kind: 'minutes', minutes: 3 });
    expect(estimateWait({ recentWaitsMs: h, position: 4, readyAgents: 1 })).toEqual({ kind: 'minutes', minutes: 12 });
    expect(estimateWait({ recentWaitsMs: h, position: 4, readyAgents: 2 })).toEqual({ kind: 'minutes', minutes: 6 });
    // more agents than contacts ahead never goes below the median
    expect(estimateWait({ recentWaitsMs: h, position: 1, readyAgents: 5 })).toEqual({ kind: 'minutes', minutes: 3 });
    // no Ready agent: treated as one
    expect(estimateWait({ recentWaitsMs: h, position: 2, readyAgents: 0 })).toEqual({ kind: 'minutes', minutes: 6 });
  });

  it('even-sized history and sub-minute waits round up to at least one minute', () => {
    const h = [5_000, 10_000, 20_000, 30_000, 40_000, 50_000]; // median 25 s
    expect(estimateWait({ recentWaitsMs: h, position: 1, readyAgents: 1 })).toEqual({ kind: 'minutes', minutes: 1 });
  });

  it('only the last hour of accepted chats counts', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const chat = (acceptedMinAgo: number, waitedMin: number) => {
      const acceptedAt = new Date(now.getTime() - min(acceptedMinAgo));
      return { acceptedAt, queuedAt: new Date(acceptedAt.getTime() - min(waitedMin)) };
    };
    expect(recentWaits([chat(10, 2), chat(59, 4), chat(61, 30), chat(120, 50)], now)).toEqual([min(2), min(4)]);
  });
});
