import { describe, expect, it } from 'vitest';
import { luhnValid, maskCardNumbers, maskExtraPatterns, maskSensitive, patternProblem, type ExtraPattern } from './card-mask';

describe('luhnValid', () => {
  it('accepts the standard test card numbers and refuses one digit off', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4222222222222', '3530111333300000']) {
      expect(luhnValid(n), n).toBe(true);
    }
    for (const n of ['4111111111111112', '5555555555554445', '378282246310006', '1234567812345678']) {
      expect(luhnValid(n), n).toBe(false);
    }
  });
});

describe('maskCardNumbers', () => {
  it('keeps the last four digits and the separators as typed', () => {
    expect(maskCardNumbers('card 4111 1111 1111 1111 thanks')).toBe('card •••• •••• •••• 1111 thanks');
    expect(maskCardNumbers('4111-1111-1111-1111')).toBe('••••-••••-••••-1111');
    expect(maskCardNumbers('4111111111111111')).toBe('••••••••••••1111');
    expect(maskCardNumbers('Amex 3782 822463 10005.')).toBe('Amex •••• •••••• •0005.');
    expect(maskCardNumbers('mixed 4111 1111-1111 1111')).toBe('mixed •••• ••••-•••• 1111');
  });

  it('masks 13- and 19-digit card numbers and every card in one message', () => {
    expect(maskCardNumbers('4222222222222')).toBe('•••••••••2222');
    const nineteen = '6011000990139424001';
    expect(luhnValid(nineteen)).toBe(false);
    const valid19 = '4000000000000000006';
    expect(luhnValid(valid19)).toBe(true);
    expect(maskCardNumbers(valid19)).toBe('•••••••••••••••0006');
    expect(maskCardNumbers('a 4111111111111111, b 5555 5555 5555 4444')).toBe('a ••••••••••••1111, b •••• •••• •••• 4444');
  });

  it('leaves Luhn-invalid numbers alone', () => {
    expect(maskCardNumbers('4111 1111 1111 1112')).toBe('4111 1111 1111 1112');
    expect(maskCardNumbers('1234 5678 1234 5678')).toBe('1234 5678 1234 5678');
  });

  it('leaves numbers glued to letters (identifiers inside words) alone', () => {
    expect(maskCardNumbers('ref4111111111111111')).toBe('ref4111111111111111');
    expect(maskCardNumbers('4111111111111111abc')).toBe('4111111111111111abc');
    expect(maskCardNumbers('id_4111111111111111')).toBe('id_4111111111111111');
  });

  it('does not mask phone numbers, order numbers, dates or amounts', () => {
    const safe = [
      'call me at +1 514-555-0199',
      'my phone is 514 555 0199 ext 1234',
      '1-800-555-0199',
      'order #2026-0412-7781',
      'order number 100000000000000000000001',
      'tracking 12345678901234567890123',
      'on 2026-12-03 at 14:00',
      'it cost 1 299,99 $',
      'zeros 0000 0000 0000 0000',
    ];
    for (const s of safe) expect(maskCardNumbers(s), s).toBe(s);
  });

  it('finds a card among other digit groups on whole-group boundaries', () => {
    expect(maskCardNumbers('3 4111 1111 1111 1111')).toBe('3 •••• •••• •••• 1111');
    expect(maskCardNumbers('4111 1111 1111 1111 1234')).toBe('•••• •••• •••• 1111 1234');
    // 24 digits in one group: no group boundary inside, not a card.
    expect(maskCardNumbers('100000000000000000000001')).toBe('100000000000000000000001');
  });

  it('refuses double separators', () => {
    expect(maskCardNumbers('4111  1111  1111  1111')).toBe('4111  1111  1111  1111');
  });
});

describe('admin patterns', () => {
  const sin: ExtraPattern = { name: 'SIN', pattern: '\\b\\d{3}[ -]?\\d{3}[ -]?\\d{3}\\b', example: '046 454 286' };

  it('masks each letter and digit of a match', () => {
    expect(maskExtraPatterns('my SIN is 046 454 286.', [sin])).toBe('my SIN is ••• ••• •••.');
  });

  it('a pattern is checked: it compiles, matches no empty text, and masks its own example', () => {
    expect(patternProblem(sin)).toBeNull();
    expect(patternProblem({ name: 'bad', pattern: '([a-z', example: 'x' })).toBe('invalidPattern');
    expect(patternProblem({ name: 'empty', pattern: 'a*', example: 'aaa' })).toBe('matchesEmpty');
    expect(patternProblem({ name: 'miss', pattern: '\\d{9}', example: 'abc' })).toBe('exampleNotMasked');
    expect(patternProblem({ name: 'long', pattern: 'a'.repeat(201), example: 'a'.repeat(201) })).toBe('invalidPattern');
  });

  it('skips unusable patterns instead of failing the send', () => {
    expect(maskExtraPatterns('text', [{ name: 'bad', pattern: '(', example: '' }])).toBe('text');
  });
});

describe('maskSensitive', () => {
  it('honours the switch', () => {
    expect(maskSensitive('4111111111111111', { maskCards: true, extraPatterns: [] })).toBe('••••••••••••1111');
    expect(maskSensitive('4111111111111111', { maskCards: false, extraPatterns: [] })).toBe('4111111111111111');
  });
});
