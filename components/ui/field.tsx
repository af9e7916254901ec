import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';

const control =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 aria-[invalid=true]:border-red-700 disabled:bg-slate-100';

interface FieldProps {
  label: ReactNode;
  error?: ReactNode;
  hint?: ReactNode;
}

/** The ids and ARIA a field's control carries: its error or hint is announced with it. */
function controlProps(fieldId: string, { error, hint }: Omit<FieldProps, 'label'>) {
  return {
    id: fieldId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error || hint ? `${fieldId}-desc` : undefined,
  } as const;
}

/**
 * A labelled control with its error below it, tied by aria-describedby and aria-invalid, so the
 * error is announced with the field and not shown by colour alone.
 */
function Field({ fieldId, label, error, hint, className, children }: FieldProps & { fieldId: string; className: string; children: ReactNode }) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={fieldId} className="text-sm font-medium">
        {label}
      </label>
      {children}
      <FieldMessage id={`${fieldId}-desc`} error={error} hint={hint} />
    </div>
  );
}

export function TextField({ label, error, hint, id, className = '', ...props }: InputHTMLAttributes<HTMLInputElement> & FieldProps & { ref?: Ref<HTMLInputElement> }) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Field fieldId={fieldId} label={label} error={error} hint={hint} className={className}>
      <input {...controlProps(fieldId, { error, hint })} {...props} className={control} />
    </Field>
  );
}

export function TextAreaField({ label, error, hint, id, className = '', ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps & { ref?: Ref<HTMLTextAreaElement> }) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Field fieldId={fieldId} label={label} error={error} hint={hint} className={className}>
      <textarea {...controlProps(fieldId, { error, hint })} {...props} className={control} />
    </Field>
  );
}

function FieldMessage({ id, error, hint }: { id: string; error?: ReactNode; hint?: ReactNode }) {
  if (error) {
    return (
      <p id={id} role="alert" className="text-sm text-red-800">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={id} className="text-xs text-slate-600">
      {hint}
    </p>
  ) : null;
}
