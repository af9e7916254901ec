import { describe, expect, it } from 'vitest';
import { cleanText, contactSearchSchema, recordIdSchema } from './input';

describe('lifecycle admin input', () => {
  it('accepts ordinary search text, accents and emoji pairs', () => {
    for (const q of ['Dana', 'élodie@example.org', '+1 514 555 0177', 'Zoë 👋']) expect(contactSearchSchema.safeParse({ query: q }).success, q).toBe(true);
  });
  it('refuses NUL and other control characters and lone surrogates (PostgreSQL would fail on them)', () => {
    for (const q of ['a\u0000b', '\u0000', 'tab\there', 'x\uD800', '\uDC00x', 'x\uDC00\uD800']) {
      expect(cleanText(q), JSON.stringify(q)).toBe(false);
      expect(contactSearchSchema.safeParse({ query: q }).success).toBe(false);
    }
    expect(contactSearchSchema.safeParse({ query: 'x'.repeat(201) }).success).toBe(false);
  });
  it('takes record ids of letters, digits, dash and underscore only', () => {
    expect(recordIdSchema.safeParse('cmx7o7w5400eajr7dxpnt70kz').success).toBe(true);
    for (const id of ['', '../x', 'a\u0000', 'a b', 'x'.repeat(65)]) expect(recordIdSchema.safeParse(id).success, JSON.stringify(id)).toBe(false);
  });
});
