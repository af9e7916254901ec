import { describe, expect, it } from 'vitest';
import { checkContactInput } from './contact-rules';

describe('contact information rules (A13)', () => {
  it('normalises and de-duplicates valid values', () => {
    expect(checkContactInput({ name: '  Dana Smith ', emails: ['Dana@Example.org', 'dana@example.org', ' '], phones: ['+1 (514) 555-0199', '5145550199'] })).toEqual({
      ok: true,
      value: { name: 'Dana Smith', emails: ['dana@example.org'], phones: ['+15145550199', '5145550199'] },
    });
  });

  it('reports every invalid field at once, value by value', () => {
    expect(checkContactInput({ name: ' ', emails: ['ok@example.org', 'nope'], phones: ['12'] })).toEqual({
      ok: false,
      errors: { name: 'required', emails: [{ value: 'nope', error: 'email' }], phones: [{ value: '12', error: 'phone' }] },
    });
    expect(checkContactInput({ name: 'x'.repeat(101), emails: [], phones: [] })).toEqual({ ok: false, errors: { name: 'tooLong' } });
    expect(checkContactInput({ name: 'a\u0000b', emails: [], phones: [] })).toEqual({ ok: false, errors: { name: 'invalidText' } });
    const many = Array.from({ length: 11 }, (_, i) => `p${i}@example.org`);
    expect(checkContactInput({ name: 'Dana', emails: many, phones: [] })).toEqual({ ok: false, errors: { emails: [{ value: '', error: 'tooMany' }] } });
  });
});
