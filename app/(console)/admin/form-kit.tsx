'use client';

import { Check, LoaderCircle, Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ReactNode, SelectHTMLAttributes, Ref } from 'react';
import { useId } from 'react';
import { Button } from '@/components/ui/button';

// Shared by the admin forms: schema messages in the user's language, server answers mapped onto
// the fields they concern, and the pending / saved state every form shows.

export type ActionResult =
  | {
      data?: unknown;
      serverError?: { code: string; message: string };
      validationErrors?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> };
    }
  | undefined;

/** Schema messages are keys with parameters ("range:1:3600"); this says them in the user's language. */
export function useValidationMessage() {
  const t = useTranslations('admin.validation');
  return (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    const [key = '', a, b] = message.split(':');
    switch (key) {
      case 'range':
        return t('range', { min: a ?? '', max: b ?? '' });
      case 'tooLong':
      case 'tooMany':
        return t(key, { max: a ?? '' });
      case 'passwordShort':
        return t('passwordShort', { min: a ?? '' });
      default:
        return t.has(key) ? t(key as 'required') : t('invalid');
    }
  };
}

/**
 * Applies an action's answer to the form: field errors on their fields (a taken name on
 * `uniqueField`), anything else as the form's own error. True when the action succeeded.
 */
export function useApplyResult() {
  const te = useTranslations('errors');
  return function apply<T extends FieldValues>(r: ActionResult, setError: UseFormSetError<T>, uniqueField?: Path<T>): boolean {
    if (r?.serverError) {
      if (r.serverError.code === 'alreadyExists' && uniqueField) setError(uniqueField, { type: 'server', message: 'taken' });
      else setError('root.server' as Path<T>, { type: 'server', message: te.has(r.serverError.code) ? te(r.serverError.code as 'internal') : te('internal') });
      return false;
    }
    const fields = r?.validationErrors?.fieldErrors;
    if (r?.validationErrors) {
      let any = false;
      for (const [name, msgs] of Object.entries(fields ?? {})) {
        if (msgs?.[0]) {
          setError(name as Path<T>, { type: 'server', message: msgs[0] });
          any = true;
        }
      }
      if (!any) setError('root.server' as Path<T>, { type: 'server', message: te('invalidInput') });
      return false;
    }
    if (!r || r.data === undefined) {
      setError('root.server' as Path<T>, { type: 'server', message: te('internal') });
      return false;
    }
    return true;
  };
}

/** The form's pending / saved / failed state, announced politely. */
export function FormStatus({ pending, saved, error, savedText }: { pending: boolean; saved: boolean; error?: string; savedText?: string }) {
  const t = useTranslations('admin.form');
  return (
    <span role="status" className="inline-flex min-h-5 items-center gap-1 text-sm">
      {pending ? (
        <>
          <LoaderCircle aria-hidden className="size-4 animate-spin" />
          {t('saving')}
        </>
      ) : error ? (
        <span className="text-red-800">{error}</span>
      ) : saved ? (
        <>
          <Check aria-hidden className="size-4 text-green-700" />
          {savedText ?? t('saved')}
        </>
      ) : null}
    </span>
  );
}

const control =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 aria-[invalid=true]:border-red-700 disabled:bg-slate-100';

/** A labelled native select with its error, like TextField. */
export function SelectField({
  label,
  error,
  options,
  className = '',
  ref,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: ReactNode; error?: ReactNode; options: { value: string; label: string }[]; ref?: Ref<HTMLSelectElement> }) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select id={id} ref={ref} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...props} className={control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-err`} role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled checkbox (for booleans inside a form, where a switch would be one more widget). */
export function CheckboxField({ label, ref, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; ref?: Ref<HTMLInputElement> }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" ref={ref} {...props} className="size-4" />
      {label}
    </label>
  );
}

export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-8 max-w-5xl">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The foot of an admin settings form: its Save button (named `label`) and the pending / saved / error status. */
export function SaveBar({ label, pending, saved, error }: { label: string; pending: boolean; saved: boolean; error?: string }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" variant="primary" disabled={pending} className="inline-flex items-center gap-1">
        <Save aria-hidden className="size-4" />
        {label}
      </Button>
      <FormStatus pending={pending} saved={saved} error={error} />
    </div>
  );
}
