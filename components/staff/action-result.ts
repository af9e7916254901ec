import type { ActionError } from '@/lib/safe-action';

type Result<T> = { data?: T; serverError?: ActionError; validationErrors?: unknown } | undefined;

/** Folds a safe-action result into data or an error code the page translates (errors.<code>). */
export function unwrap<T>(r: Result<T>): { ok: true; data: T } | { ok: false; code: string } {
  if (r?.serverError) return { ok: false, code: r.serverError.code };
  if (r?.validationErrors) return { ok: false, code: 'invalidInput' };
  if (!r || r.data === undefined) return { ok: false, code: 'internal' };
  return { ok: true, data: r.data };
}
