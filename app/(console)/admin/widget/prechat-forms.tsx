'use client';

import { Save } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { PrechatForm } from '@/lib/widget/prechat';
import type { PrechatAdminQueue, PrechatAdminView } from '@/lib/widget/prechat-store';
import { Button } from '@/components/ui/button';
import { CheckboxField, FormStatus, Section, type ActionResult } from '../form-kit';
import { savePrechatFormAction } from './actions';

/**
 * The admin section "Pre-chat form" (issue 18): per queue, the case-data fields (M5) the contact
 * fills in before the chat, which are required, the topics (skills) they pick from and whether they
 * pick the chat language. Each queue saves on its own, as a contact-center admin edits one queue at a time.
 */
export function PrechatForms({ view }: { view: PrechatAdminView }) {
  const t = useTranslations('widget.prechat');
  return (
    <Section id="prechat" title={t('title')}>
      <p className="mb-3 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <div className="flex max-w-3xl flex-col gap-4">
        {view.queues.map((q) => (
          <QueuePrechat key={q.queueId} queue={q} fields={view.fields.filter((f) => f.visible)} skills={view.skills} />
        ))}
      </div>
    </Section>
  );
}

function QueuePrechat({ queue, fields, skills }: { queue: PrechatAdminQueue; fields: PrechatAdminView['fields']; skills: PrechatAdminView['skills'] }) {
  const t = useTranslations('widget.prechat');
  const te = useTranslations('errors');
  const fr = useLocale().startsWith('fr');
  const router = useRouter();
  const [form, setForm] = useState<PrechatForm>(queue.form);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const rule = (key: string) => form.fields.find((f) => f.key === key);

  const setField = (key: string, shown: boolean, required: boolean) => {
    setSaved(false);
    setForm((f) => {
      // Kept in the case-data order, so the contact sees them as the admin lists them (M5).
      const others = f.fields.filter((x) => x.key !== key);
      const next = shown ? [...others, { key, required }] : others;
      const order = fields.map((x) => x.key);
      return { ...f, fields: next.filter((x) => order.includes(x.key)).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)) };
    });
  };
  const setSkill = (id: string, on: boolean) => {
    setSaved(false);
    setForm((f) => ({ ...f, skillIds: on ? [...f.skillIds.filter((s) => s !== id), id] : f.skillIds.filter((s) => s !== id) }));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    setPending(true);
    const skillIds = form.skillIds.filter((id) => skills.some((s) => s.id === id));
    const r = (await savePrechatFormAction({ queueId: queue.queueId, fields: form.fields, skillIds, pickLanguage: form.pickLanguage })) as ActionResult;
    setPending(false);
    if (r?.data) {
      setSaved(true);
      router.refresh();
    } else {
      const code = r?.serverError?.code;
      setError(code && te.has(code) ? te(code as 'internal') : te('invalidInput'));
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-label={t('queueForm', { name: queue.name })} className="rounded border border-slate-200 bg-white p-3">
      <h3 className="mb-2 font-semibold">{t('queueForm', { name: queue.name })}</h3>
      <fieldset className="mb-3">
        <legend className="mb-1 text-sm font-medium">{t('fields')}</legend>
        <p className="mb-2 text-xs text-slate-600">{t('fieldsHint')}</p>
        {fields.length === 0 && <p className="text-sm text-slate-700">{t('noFields')}</p>}
        <ul className="flex flex-col gap-1">
          {fields.map((f) => {
            const r = rule(f.key);
            const label = (fr && f.labelFr) || f.label;
            return (
              <li key={f.key}>
                <fieldset className="flex flex-wrap items-center gap-4">
                  <legend className="sr-only">{label}</legend>
                  <span aria-hidden className="min-w-40 text-sm">
                    {label}
                  </span>
                  <CheckboxField label={t('ask')} checked={!!r} onChange={(e) => setField(f.key, e.target.checked, r?.required ?? false)} />
                  <CheckboxField label={t('required')} checked={!!r?.required} disabled={!r} onChange={(e) => setField(f.key, true, e.target.checked)} />
                </fieldset>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <fieldset className="mb-3">
        <legend className="mb-1 text-sm font-medium">{t('topics')}</legend>
        <p className="mb-2 text-xs text-slate-600">{t('topicsHint')}</p>
        <div className="flex flex-wrap gap-4">
          {skills.map((s) => (
            <CheckboxField key={s.id} label={s.name} checked={form.skillIds.includes(s.id)} onChange={(e) => setSkill(s.id, e.target.checked)} />
          ))}
        </div>
      </fieldset>
      <div className="mb-3">
        <CheckboxField
          label={t('pickLanguage')}
          checked={form.pickLanguage}
          onChange={(e) => {
            setSaved(false);
            setForm((f) => ({ ...f, pickLanguage: e.target.checked }));
          }}
        />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending} className="inline-flex items-center gap-1">
          <Save aria-hidden className="size-4" />
          {t('save')}
        </Button>
        <FormStatus pending={pending} saved={saved} error={error} />
      </div>
    </form>
  );
}
