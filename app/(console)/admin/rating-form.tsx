'use client';

import { Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';
import { saveRatingSettingsAction } from './rating-actions';
import { FormStatus, Section } from './form-kit';

/** Issue 18: turn the contact's rating at the end (CSAT) on or off. */
export function RatingSettingsForm({ initial }: { initial: boolean }) {
  const t = useTranslations('rating');
  const ta = useTranslations('admin');
  const te = useTranslations('errors');
  const router = useRouter();
  const [enabled, setEnabled] = useState(initial);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <Section id="rating" title={t('adminTitle')}>
      <p className="mb-3 text-sm text-slate-700">{t('adminIntro')}</p>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          setSaved(false);
          setError(undefined);
          const r = await saveRatingSettingsAction({ ratingEnabled: enabled });
          setPending(false);
          if (r?.data) {
            setSaved(true);
            router.refresh();
          } else setError(r?.serverError && te.has(r.serverError.code) ? te(r.serverError.code as 'internal') : te('internal'));
        }}
      >
        <Switch label={t('adminSwitch')} checked={enabled} onCheckedChange={(v) => (setEnabled(v), setSaved(false))} />
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
