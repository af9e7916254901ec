// A13: what may be saved as a contact's name, emails and phones. Pure; the server runs it on every
// save and the form shows its per-field errors.
import { isText, normalizeEmail, normalizePhone } from '@/lib/case-data/validate';

export const CONTACT_NAME_MAX = 100;
export const CONTACT_LIST_MAX = 10;

export interface ContactInput {
  name: string;
  emails: string[];
  phones: string[];
}

export type ItemError = 'email' | 'phone' | 'belongsToOther' | 'tooMany';
export interface ContactErrors {
  name?: 'required' | 'tooLong' | 'invalidText';
  emails?: { value: string; error: ItemError }[];
  phones?: { value: string; error: ItemError }[];
}

export function checkContactInput(input: ContactInput): { ok: true; value: ContactInput } | { ok: false; errors: ContactErrors } {
  const errors: ContactErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'required';
  else if (name.length > CONTACT_NAME_MAX) errors.name = 'tooLong';
  else if (!isText(name)) errors.name = 'invalidText';

  const list = (raw: string[], normalize: (s: string) => string | null, bad: ItemError) => {
    const out: string[] = [];
    const errs: { value: string; error: ItemError }[] = [];
    for (const r of raw.map((s) => s.trim()).filter(Boolean)) {
      const v = normalize(r);
      if (!v) errs.push({ value: r.slice(0, 200), error: bad });
      else if (!out.includes(v)) out.push(v);
    }
    if (out.length > CONTACT_LIST_MAX) errs.push({ value: '', error: 'tooMany' });
    return { out, errs };
  };
  const emails = list(input.emails, normalizeEmail, 'email');
  const phones = list(input.phones, normalizePhone, 'phone');
  if (emails.errs.length) errors.emails = emails.errs;
  if (phones.errs.length) errors.phones = phones.errs;
  if (errors.name || errors.emails || errors.phones) return { ok: false, errors };
  return { ok: true, value: { name, emails: emails.out, phones: phones.out } };
}
