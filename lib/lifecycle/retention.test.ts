import { describe, expect, it } from 'vitest';
import { cutoff, transcriptCutoffs, transcriptExpired } from './retention';

const now = new Date('2026-12-03T12:00:00Z');
const daysAgo = (d: number, extraMs = 0) => new Date(now.getTime() - d * 86_400_000 + extraMs);

describe('retention cut-offs', () => {
  it('0 days keeps forever; N days cuts at exactly N days ago', () => {
    expect(cutoff(now, 0)).toBeNull();
    expect(cutoff(now, 30)?.toISOString()).toBe('2026-11-03T12:00:00.000Z');
  });

  it('a chat finished just before the cut-off has expired, one just after has not', () => {
    const rule = { keepTranscriptsDays: 30, queueTranscriptDays: {} };
    expect(transcriptExpired(rule, 'q1', daysAgo(30, -1), now)).toBe(true);
    expect(transcriptExpired(rule, 'q1', daysAgo(30, +1), now)).toBe(false);
  });

  it('a queue override wins over the default, both ways, and 0 there means forever', () => {
    const rule = { keepTranscriptsDays: 30, queueTranscriptDays: { short: 7, forever: 0, long: 365 } };
    expect(transcriptExpired(rule, 'short', daysAgo(8), now)).toBe(true);
    expect(transcriptExpired(rule, 'other', daysAgo(8), now)).toBe(false);
    expect(transcriptExpired(rule, 'forever', daysAgo(3000), now)).toBe(false);
    expect(transcriptExpired(rule, 'long', daysAgo(100), now)).toBe(false);
    expect(transcriptExpired(rule, 'other', daysAgo(100), now)).toBe(true);
    expect(transcriptCutoffs(rule, ['short', 'forever', 'other'], now).map((c) => c.queueId)).toEqual(['short', 'other']);
  });

  it('default forever with one queue limited purges only that queue', () => {
    const rule = { keepTranscriptsDays: 0, queueTranscriptDays: { q2: 1 } };
    expect(transcriptCutoffs(rule, ['q1', 'q2'], now)).toEqual([{ queueId: 'q2', before: daysAgo(1) }]);
  });
});
