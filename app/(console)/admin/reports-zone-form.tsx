'use client';

import { Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { saveReportsTimeZoneAction } from './reports-zone-actions';
import { FormStatus, Section, SelectField } from './form-kit';

/** Issue 20: the time zone reports use when the supervisor's browser sends none. */
export function ReportsZoneForm({ initial, choices }: { initial: string; choices: string[] }) {
  const t = useTranslations('reports.adminZone');
  const ta = useTranslations('admin');
  const te = useTranslations('errors');
  const router = useRouter();
  const [zone, setZone] = useState(initial);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <Section id="reports-zone" title={t('title')}>
      <p className="mb-3 text-sm text-slate-700">{t('intro')}</p>
      <form
        noValidate
        className="flex max-w-md flex-col gap-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          setSaved(false);
          setError(undefined);
          const r = await saveReportsTimeZoneAction({ reportsTimeZone: zone });
          setPending(false);
          if (r?.data) {
            setSaved(true);
            router.refresh();
          } else if (r?.validationErrors) setError(t('invalid'));
          else setError(r?.serverError && te.has(r.serverError.code) ? te(r.serverError.code as 'internal') : te('internal'));
        }}
      >
        <SelectField label={t('label')} value={zone} onChange={(e) => (setZone(e.target.value), setSaved(false))} options={choices.map((z) => ({ value: z, label: z }))} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={pending} className="inline-flex items-center gap-1">
            <Save aria-hidden className="size-4" />
            {ta('form.save')}
          </Button>
          <FormStatus pending={pending} saved={saved} error={error} />
        </div>
      </form>
    </Section>
  );
}
