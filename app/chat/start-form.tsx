'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ContactPrechat } from '@/lib/widget/prechat-store';
import { ApiError, contactApi, type ChatSession } from './contact-api-client';
import { PrechatFields, prechatBody } from './prechat-fields';

const field = 'rounded border border-slate-300 px-2 py-1.5';

/** C1: name, optional email and phone, the question, and the language. */
export function StartForm({
  onStarted,
  onOffline,
  queue,
  identity,
  prechat,
}: {
  onStarted: (s: ChatSession) => void;
  onOffline?: () => void;
  queue?: string;
  identity?: { name?: string; email?: string; phone?: string; hash?: string };
  /** The queue's pre-chat form (issue 18): its case-data questions, topics and language question. */
  prechat?: ContactPrechat;
}) {
  const t = useTranslations('contact');
  const te = useTranslations('errors');
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The pre-chat answers' own problems, by field key (checked here first; the server checks again).
  const [problems, setProblems] = useState<Record<string, string>>({});
  const language = locale.startsWith('fr') ? 'fr' : 'en';
  return (
    <form
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        setError(null);
        const body = prechatBody(form, prechat);
        setProblems(body.ok ? {} : body.problems);
        if (!body.ok) return;
        setBusy(true);
        try {
          onStarted(await contactApi.start(body.body));
        } catch (err) {
          setBusy(false);
          if (err instanceof ApiError && err.code === 'queueOffline' && onOffline) return onOffline();
          setError(err instanceof ApiError && err.code === 'invalidInput' ? `${te('invalidInput')} (${err.message})` : te(err instanceof ApiError ? (err.code as 'internal') : 'internal'));
        }
      }}
    >
      <p className="text-sm text-slate-700">{t('intro')}</p>
      {/* The host site's signature of the email (widget identify()); it verifies only that email. */}
      {identity?.hash && <input type="hidden" name="identityHash" value={identity.hash} />}
      {queue && <input type="hidden" name="queue" value={queue} />}
      <label className="flex flex-col gap-1 text-sm">
        {t('name')}
        <input name="name" required maxLength={100} autoComplete="name" defaultValue={identity?.name} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t('email')}
        <input name="email" type="email" maxLength={200} autoComplete="email" defaultValue={identity?.email} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t('phone')}
        <input name="phone" type="tel" maxLength={20} autoComplete="tel" defaultValue={identity?.phone} className={field} />
      </label>
      {prechat && <PrechatFields prechat={prechat} problems={problems} />}
      <label className="flex flex-col gap-1 text-sm">
        {t('question')}
        <textarea name="question" required maxLength={500} rows={3} className={field} />
      </label>
      {prechat?.pickLanguage === false ? (
        <input type="hidden" name="language" value={language} />
      ) : (
        <label className="flex flex-col gap-1 text-sm">
          {t('chatLanguage')}
          <select name="language" defaultValue={language} className={field}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={busy}>
        {t('start')}
      </Button>
    </form>
  );
}
