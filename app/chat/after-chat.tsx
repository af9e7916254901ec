'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { AfterChatState } from '@/lib/widget/after-chat-types';
import { ApiError, contactApi, type ChatSession } from './contact-api-client';

/**
 * Issue 18: after the end of a chat, the contact is asked "How was your chat?" (unless an admin
 * turned it off) and may have the transcript emailed.
 */
export function AfterChat({ session }: { session: ChatSession }) {
  const [state, setState] = useState<AfterChatState | null>(null);
  useEffect(() => {
    let live = true;
    contactApi
      .after(session)
      .then((s) => live && setState(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [session]);
  if (!state?.ended) return null;
  return (
    <div className="flex max-h-[55%] flex-col gap-4 overflow-y-auto border-t border-slate-200 p-3">
      {state.ratingEnabled && <RatingForm session={session} alreadyRated={state.rated} />}
      <TranscriptMailForm session={session} email={state.email ?? ''} />
    </div>
  );
}

function RatingForm({ session, alreadyRated }: { session: ChatSession; alreadyRated: boolean }) {
  const t = useTranslations('rating');
  const headingId = useId();
  const legendId = useId();
  const commentId = useId();
  const [done, setDone] = useState<'thanks' | 'already' | null>(alreadyRated ? 'already' : null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (done) {
    return (
      <p role="status" className="text-sm font-medium">
        {t(done)}
      </p>
    );
  }
  return (
    <form
      aria-labelledby={headingId}
      className="flex flex-col gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const rating = Number(data.get('rating'));
        if (!rating) return setError(t('pick'));
        setBusy(true);
        setError(null);
        try {
          await contactApi.rate(session, rating, String(data.get('comment') ?? ''));
          setDone('thanks');
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) setDone('already');
          else setError(t('failed'));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id={headingId} className="font-semibold">
        {t('heading')}
      </h2>
      <fieldset role="radiogroup" aria-labelledby={legendId} aria-describedby={error ? `${legendId}-err` : undefined} className="flex flex-col gap-1">
        <legend id={legendId} className="text-sm font-medium">
          {t('label')}
        </legend>
        <div className="flex gap-2">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="flex cursor-pointer items-center gap-1 rounded border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 has-[:checked]:font-semibold">
              <input type="radio" name="rating" value={n} className="accent-blue-700" />
              {n}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor={commentId} className="text-sm font-medium">
          {t('comment')}
        </label>
        <textarea id={commentId} name="comment" rows={2} maxLength={2000} className="rounded border border-slate-300 px-2 py-1.5 text-sm" />
      </div>
      {error && (
        <p id={`${legendId}-err`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div>
        <Button type="submit" variant="primary" disabled={busy}>
          {t('send')}
        </Button>
      </div>
    </form>
  );
}

function TranscriptMailForm({ session, email }: { session: ChatSession; email: string }) {
  const t = useTranslations('mail.ui');
  const te = useTranslations('errors');
  const locale = useLocale();
  const headingId = useId();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-labelledby={headingId}
      className="flex flex-col gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const to = String(new FormData(e.currentTarget).get('email') ?? '').trim();
        setBusy(true);
        setError(null);
        try {
          const r = await contactApi.emailTranscript(session, { email: to, locale, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
          if (r.status === 'failed') setError(t('failed'));
          else setSentTo(to);
        } catch (err) {
          setSentTo(null);
          if (err instanceof ApiError && err.status === 409) setError(t('tooMany'));
          else setError(err instanceof ApiError && err.code === 'invalidInput' ? te('invalidInput') : t('failed'));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id={headingId} className="font-semibold">
        {t('heading')}
      </h2>
      <TextField label={t('email')} name="email" type="email" required maxLength={200} autoComplete="email" defaultValue={email} error={error ?? undefined} />
      {sentTo && (
        <p role="status" className="text-sm">
          {t('queued', { email: sentTo })}
        </p>
      )}
      <div>
        <Button type="submit" disabled={busy}>
          {t('send')}
        </Button>
      </div>
    </form>
  );
}
