'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { LOGIN_THROTTLED } from '@/lib/auth/login-policy';

export function LoginForm() {
  const t = useTranslations('auth');
  const tp = useTranslations('privacy');
  const [error, setError] = useState<false | 'failed' | 'throttled'>(false);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setBusy(true);
        setError(false);
        const res = await signIn('credentials', { email: String(form.get('email')), password: String(form.get('password')), redirect: false });
        if (res?.ok && !res.error) {
          // A full load, so the server renders the home page with the new session cookie.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          window.location.assign('/');
        } else {
          setBusy(false);
          setError(res?.error === LOGIN_THROTTLED ? 'throttled' : 'failed');
        }
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        {t('email')}
        <input name="email" type="email" autoComplete="username" required maxLength={200} className="rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" required maxLength={200} className="rounded border border-slate-300 px-2 py-1.5" />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error === 'throttled' ? tp('signInThrottled') : t('failed')}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={busy}>
        {t('submit')}
      </Button>
    </form>
  );
}
