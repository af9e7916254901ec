import { describe, expect, it } from 'vitest';
import { CASE_VALUE_MAX, normalizeEmail, normalizePhone, validateCaseValue } from './validate';

describe('case-data values are validated by their field type (A11)', () => {
  it('TEXT keeps any trimmed text, refuses control characters and over-long values', () => {
    expect(validateCaseValue({ type: 'TEXT' }, '  Order 42 \n')).toEqual({ ok: true, value: 'Order 42' });
    expect(validateCaseValue({ type: 'TEXT' }, 'a\u0000b')).toEqual({ ok: false, error: 'invalidText' });
    expect(validateCaseValue({ type: 'TEXT' }, '\ud800')).toEqual({ ok: false, error: 'invalidText' });
    expect(validateCaseValue({ type: 'TEXT' }, 'x'.repeat(CASE_VALUE_MAX + 1))).toEqual({ ok: false, error: 'tooLong' });
    expect(validateCaseValue({ type: 'TEXT' }, '<b>markup</b>')).toEqual({ ok: true, value: '<b>markup</b>' });
  });

  it('an empty value clears the field unless it is required', () => {
    for (const type of ['TEXT', 'EMAIL', 'PHONE', 'NUMBER', 'LIST'] as const) {
      expect(validateCaseValue({ type, options: ['A'] }, '   ')).toEqual({ ok: true, value: '' });
      expect(validateCaseValue({ type, options: ['A'] }, '', { required: true })).toEqual({ ok: false, error: 'required' });
    }
  });

  it('EMAIL lower-cases a valid address and refuses anything else', () => {
    expect(validateCaseValue({ type: 'EMAIL' }, ' Dana.Smith@Example.ORG ')).toEqual({ ok: true, value: 'dana.smith@example.org' });
    for (const bad of ['dana', 'dana@', '@example.org', 'dana@example', 'da na@example.org', 'a@b.c', 'x<y>@example.org']) {
      expect(validateCaseValue({ type: 'EMAIL' }, bad)).toEqual({ ok: false, error: 'email' });
    }
  });

  it('PHONE stores digits with an optional leading +, 7 to 15 digits', () => {
    expect(validateCaseValue({ type: 'PHONE' }, '+1 (514) 555-0199')).toEqual({ ok: true, value: '+15145550199' });
    expect(validateCaseValue({ type: 'PHONE' }, '514.555.0199')).toEqual({ ok: true, value: '5145550199' });
    for (const bad of ['123', 'call me', '+1 514 555 0199 ext 2', '1234567890123456', '5145550199+']) {
      expect(validateCaseValue({ type: 'PHONE' }, bad)).toEqual({ ok: false, error: 'phone' });
    }
  });

  it('NUMBER accepts integers and decimals (point or comma), nothing else', () => {
    expect(validateCaseValue({ type: 'NUMBER' }, '004217')).toEqual({ ok: true, value: '004217' });
    expect(validateCaseValue({ type: 'NUMBER' }, '-12,50')).toEqual({ ok: true, value: '-12.50' });
    expect(validateCaseValue({ type: 'NUMBER' }, '+3.5')).toEqual({ ok: true, value: '3.5' });
    for (const bad of ['12a', '1e5', '1.2.3', 'NaN', '12,', '.5']) {
      expect(validateCaseValue({ type: 'NUMBER' }, bad)).toEqual({ ok: false, error: 'number' });
    }
  });

  it('LIST accepts exactly one of the admin-defined options', () => {
    const field = { type: 'LIST' as const, options: ['Low', 'Normal', 'High'] };
    expect(validateCaseValue(field, 'High')).toEqual({ ok: true, value: 'High' });
    expect(validateCaseValue(field, 'high')).toEqual({ ok: false, error: 'option' });
    expect(validateCaseValue(field, 'Urgent')).toEqual({ ok: false, error: 'option' });
    expect(validateCaseValue({ type: 'LIST' }, 'Low')).toEqual({ ok: false, error: 'option' });
  });

  it('the contact-information helpers share the same rules', () => {
    expect(normalizeEmail('A@B.co')).toBe('a@b.co');
    expect(normalizeEmail('nope')).toBeNull();
    expect(normalizePhone('555 0199 12')).toBe('555019912');
    expect(normalizePhone('555')).toBeNull();
  });
});
