// Validation of values typed by people into typed fields (A11 case data, A13 contact information).
// Pure: the same rules run in the browser (early feedback) and on the server (the one that counts).

export type CaseDataType = 'TEXT' | 'EMAIL' | 'PHONE' | 'NUMBER' | 'LIST';
export type ValueError = 'tooLong' | 'invalidText' | 'email' | 'phone' | 'number' | 'option' | 'required';
export type Checked = { ok: true; value: string } | { ok: false; error: ValueError };

export const CASE_VALUE_MAX = 500;

// Control characters other than tab and newlines, and lone UTF-16 surrogates, are not text.
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isText(s: string): boolean {
  return !control.test(s) && !loneSurrogate.test(s);
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/** A lower-cased email address, or null when it is not one. */
export function normalizeEmail(raw: string): string | null {
  const v = raw.trim().toLowerCase();
  return v.length <= 200 && EMAIL.test(v) ? v : null;
}

/**
 * A phone number as stored (digits with an optional leading +, as the entry form stores it), or
 * null. Spaces, dots, dashes and brackets are allowed in what people type; 7 to 15 digits (E.164).
 */
export function normalizePhone(raw: string): string | null {
  const v = raw.trim();
  if (!/^\+?[0-9 ().-]+$/.test(v)) return null;
  const digits = v.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return (v.startsWith('+') ? '+' : '') + digits;
}

/** A decimal number, written with a point or (as in French) a comma, in canonical form. */
export function normalizeNumber(raw: string): string | null {
  const v = raw.trim().replace(/\s/g, '');
  if (!/^[-+]?\d+([.,]\d+)?$/.test(v) || v.length > 40) return null;
  return v.replace(',', '.').replace(/^\+/, '');
}

/**
 * One case-data value checked against its field's type. An empty value clears the field (except
 * when `required`). The value returned is what is stored.
 */
export function validateCaseValue(field: { type: CaseDataType; options?: readonly string[] }, raw: string, opts: { required?: boolean } = {}): Checked {
  const trimmed = raw.replace(/\r\n?/g, '\n').trim();
  if (trimmed.length > CASE_VALUE_MAX) return { ok: false, error: 'tooLong' };
  if (!isText(trimmed)) return { ok: false, error: 'invalidText' };
  if (trimmed === '') return opts.required ? { ok: false, error: 'required' } : { ok: true, value: '' };
  switch (field.type) {
    case 'TEXT':
      return { ok: true, value: trimmed };
    case 'EMAIL': {
      const v = normalizeEmail(trimmed);
      return v ? { ok: true, value: v } : { ok: false, error: 'email' };
    }
    case 'PHONE': {
      const v = normalizePhone(trimmed);
      return v ? { ok: true, value: v } : { ok: false, error: 'phone' };
    }
    case 'NUMBER': {
      const v = normalizeNumber(trimmed);
      return v ? { ok: true, value: v } : { ok: false, error: 'number' };
    }
    case 'LIST':
      return (field.options ?? []).includes(trimmed) ? { ok: true, value: trimmed } : { ok: false, error: 'option' };
  }
}
