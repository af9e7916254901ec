'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ApiError } from './contact-api-client';

const field = 'rounded border border-slate-300 px-2 py-1.5';
const newKey = () => `off-${crypto.randomUUID()}`;

/** Sends once per key: a network failure or a 5xx is retried with the same key, so the server stores it once. */
async function sendOffline(body: Record<string, string>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch('/api/v1/offline-messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
      if (res.ok) return;
      const err = ((await res.json().catch(() => ({}))) as { error?: { code: string; message: string } }).error;
      if (res.status < 500 || attempt >= 3) throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? res.statusText);
    } catch (e) {
      if (e instanceof ApiError || attempt >= 3) throw e;
    }
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

/**
 * Issue 18: what /chat (and the widget's iframe) shows while the queue is offline — outside its
 * business hours, or with no agent of it logged in: Name, Email, Message, "Send message", then a
 * confirmation.
 */
export function OfflineForm({ reason, queue }: { reason: 'closed' | 'noAgent'; queue?: string }) {
  const t = useTranslations('offline.form');
  const te = useTranslations('errors');
  const locale = useLocale();
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (sentTo !== null)
    return (
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <p role="status" className="text-sm">
          {t('sent', { email: sentTo })}
        </p>
        <Button
          className="w-fit"
          onClick={() => {
            setKey(newKey());
            setSentTo(null);
          }}
        >
          {t('another')}
        </Button>
      </div>
    );

  return (
    <form
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        setBusy(true);
        setError(null);
        try {
          await sendOffline({ clientKey: key, name: form.name ?? '', email: form.email ?? '', message: form.message ?? '', locale: locale === 'fr-CA' ? 'fr-CA' : 'en', ...(queue ? { queue } : {}) });
          setSentTo(form.email ?? '');
        } catch (err) {
          setError(err instanceof ApiError && err.code === 'invalidInput' ? `${te('invalidInput')} (${err.message})` : te(err instanceof ApiError && te.has(err.code) ? (err.code as 'internal') : 'internal'));
        } finally {
          setBusy(false);
        }
      }}
    >
      <p className="text-sm text-slate-700">{t(reason === 'closed' ? 'closedIntro' : 'noAgentIntro')}</p>
      <label className="flex flex-col gap-1 text-sm">
        {t('name')}
        <input name="name" required maxLength={100} autoComplete="name" className={field} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t('email')}
        <input name="email" type="email" required maxLength={200} autoComplete="email" className={field} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t('message')}
        <textarea name="message" required maxLength={2000} rows={5} className={field} />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? t('sending') : t('send')}
      </Button>
    </form>
  );
}
