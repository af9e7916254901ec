'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '@/lib/i18n/actions';
import { locales } from '@/i18n/config';

export function LocaleSwitch() {
  const t = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">{t('language')}</span>
      <select
        aria-label={t('language')}
        className="rounded border border-slate-300 bg-white px-1 py-0.5"
        value={locale}
        disabled={pending}
        onChange={(e) =>
          start(async () => {
            await setLocaleAction({ locale: e.target.value as (typeof locales)[number] });
            router.refresh();
          })
        }
      >
        {locales.map((l) => (
          <option key={l} value={l}>
            {t(`localeName.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
