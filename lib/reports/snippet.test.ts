import { describe, expect, it } from 'vitest';
import { HIT_START as S, HIT_STOP as E, snippetParts } from './snippet';
import { containsPattern, resolveSearch } from './search-params';

describe('snippetParts', () => {
  it('splits a marked snippet into text and hits', () => {
    expect(snippetParts(`Je n'ai pas ${S}reçu${E} mon ${S}colis${E}`)).toEqual([
      { text: "Je n'ai pas ", hit: false },
      { text: 'reçu', hit: true },
      { text: ' mon ', hit: false },
      { text: 'colis', hit: true },
    ]);
  });
  it('keeps markup as plain text and tolerates unbalanced marks', () => {
    expect(snippetParts(`<b>x</b> ${S}<i>`)).toEqual([
      { text: '<b>x</b> ', hit: false },
      { text: '<i>', hit: true },
    ]);
    expect(snippetParts(`a${E}b`)).toEqual([{ text: 'ab', hit: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('search parameters', () => {
  const now = new Date('2026-12-03T15:00:00Z');
  it('turns days into the zone’s [from, to) and drops unusable values', () => {
    const { filter } = resolveSearch({ q: ' colis ', from: '2026-12-01', to: '2026-12-02', queue: "x' OR 1=1", tz: 'America/Toronto' }, now, 'UTC');
    expect(filter).toMatchObject({ q: 'colis', from: new Date('2026-12-01T05:00:00Z'), to: new Date('2026-12-03T05:00:00Z'), queueId: undefined });
    expect(resolveSearch({ q: 'x'.repeat(500), from: 'yesterday', tz: 'Mars/Olympus' }, now, 'UTC').filter).toMatchObject({ q: '', from: undefined });
  });
  it('reads control characters (NUL included) as spaces', () => {
    expect(resolveSearch({ q: '\u0000colis\u0007 abîmé', contact: '\u0000' }, now, 'UTC').filter).toMatchObject({ q: 'colis  abîmé', contact: undefined });
  });
  it('takes LIKE characters in the contact filter literally', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
