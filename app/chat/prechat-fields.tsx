'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { validateCaseValue } from '@/lib/case-data/validate';
import type { ContactPrechat } from '@/lib/widget/prechat-store';

const field = 'rounded border border-slate-300 px-2 py-1.5 aria-[invalid=true]:border-red-700';
const PREFIX = 'caseData.';

type Problem = 'required' | 'tooLong' | 'invalidText' | 'email' | 'phone' | 'number' | 'option';

/**
 * The start form's body from its fields, with the pre-chat answers checked by the same rule the
 * server applies (lib/case-data/validate.ts): the case-data answers go under `caseData`, the topic
 * under `skill`. Problems by field key, 'skill' for the topic.
 */
export function prechatBody(form: Record<string, string>, prechat: ContactPrechat | undefined): { ok: true; body: Record<string, unknown> } | { ok: false; problems: Record<string, Problem> } {
  const body: Record<string, unknown> = {};
  // No prototype: a field keyed `__proto__` or `constructor` is an ordinary key here.
  const caseData: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(form)) {
    if (k.startsWith(PREFIX)) caseData[k.slice(PREFIX.length)] = v;
    else body[k] = v;
  }
  const problems: Record<string, Problem> = Object.create(null);
  for (const f of prechat?.fields ?? []) {
    const checked = validateCaseValue(f, (Object.hasOwn(caseData, f.key) ? caseData[f.key] : undefined) ?? '', { required: f.required });
    if (!checked.ok) problems[f.key] = checked.error;
    else if (checked.value === '') delete caseData[f.key];
  }
  if (prechat?.skills.length && !form.skill) problems.skill = 'required';
  if (Object.keys(problems).length) return { ok: false, problems };
  if (Object.keys(caseData).length) body.caseData = caseData;
  if (!body.skill) delete body.skill;
  return { ok: true, body };
}

/** The queue's pre-chat questions (issue 18): labelled as the admin named the case-data fields. */
export function PrechatFields({ prechat, problems }: { prechat: ContactPrechat; problems: Record<string, string> }) {
  const t = useTranslations('widget.prechat.contact');
  const id = useId();
  const say = (label: string, code: string | undefined) => (code ? t(`problems.${code}` as 'problems.required', { label }) : undefined);
  const errorOf = (key: string, label: string) => {
    const text = say(label, problems[key]);
    return text ? (
      <span id={`${id}-${key}-err`} role="alert" className="text-sm text-red-800">
        {text}
      </span>
    ) : null;
  };
  const aria = (key: string, required: boolean) => ({
    'aria-required': required || undefined,
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `${id}-${key}-err` : undefined,
  });
  // The error sits outside the label, so a field's accessible name stays exactly its label.
  return (
    <>
      {prechat.fields.map((f) => (
        <div key={f.key} className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-${f.key}`}>
            {f.label}
            {f.required ? <span aria-hidden> *</span> : null}
          </label>
          {f.type === 'LIST' ? (
            <select id={`${id}-${f.key}`} name={`${PREFIX}${f.key}`} defaultValue="" className={field} {...aria(f.key, f.required)}>
              <option value="">{t('choose')}</option>
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-${f.key}`}
              name={`${PREFIX}${f.key}`}
              type={f.type === 'EMAIL' ? 'email' : f.type === 'PHONE' ? 'tel' : 'text'}
              inputMode={f.type === 'NUMBER' ? 'decimal' : undefined}
              maxLength={500}
              className={field}
              {...aria(f.key, f.required)}
            />
          )}
          {errorOf(f.key, f.label)}
        </div>
      ))}
      {prechat.skills.length > 0 && (
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-skill`}>
            {t('topic')}
            <span aria-hidden> *</span>
          </label>
          <select id={`${id}-skill`} name="skill" defaultValue="" className={field} {...aria('skill', true)}>
            <option value="">{t('chooseTopic')}</option>
            {prechat.skills.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {errorOf('skill', t('topic'))}
        </div>
      )}
    </>
  );
}
