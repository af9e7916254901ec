'use client';

import { Hand, RotateCcw, Send } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { OfflineMessageRow } from '@/lib/widget/offline-inbox';
import type { ageOf } from '@/lib/widget/offline-age';
import { unwrap } from '@/components/staff/action-result';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { toast } from '@/components/ui/toaster';
import { answerOfflineMessageAction, retryOfflineAnswerMailAction, takeOfflineMessageAction } from './actions';

type Row = OfflineMessageRow & { age: ReturnType<typeof ageOf> };

const STATE_STYLE = { new: 'bg-amber-100 text-amber-900', inProgress: 'bg-blue-100 text-blue-900', answered: 'bg-green-100 text-green-900' } as const;

/** The inbox: each message with its state (as text), owner and age; Take, then Answer by email. */
export function OfflineInbox({ rows, me, supervisor = false }: { rows: Row[]; me: string; supervisor?: boolean }) {
  const t = useTranslations('offline.inbox');
  const router = useRouter();
  // While an answer mail is on its way, the page follows it (queued → sending → sent or failed).
  const inFlight = rows.some((r) => r.mail && (r.mail.status === 'pending' || r.mail.status === 'sending'));
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [inFlight, router]);
  if (rows.length === 0) return <p className="text-slate-700">{t('empty')}</p>;
  return (
    <ul aria-label={t('list')} className="flex max-w-4xl flex-col gap-3">
      {rows.map((r) => (
        <OfflineItem key={r.id} row={r} me={me} supervisor={supervisor} />
      ))}
    </ul>
  );
}

const REFRESH_MS = 5000;

function OfflineItem({ row: r, me, supervisor }: { row: Row; me: string; supervisor: boolean }) {
  const t = useTranslations('offline.inbox');
  const te = useTranslations('errors');
  const format = useFormatter();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState('');
  const mine = r.owner?.id === me;

  const run = async (call: () => Promise<Parameters<typeof unwrap<unknown>>[0]>, done: string) => {
    setBusy(true);
    const res = unwrap(await call());
    setBusy(false);
    if (!res.ok) return void toast.error(te.has(res.code) ? te(res.code as 'internal') : te('internal'));
    toast.success(done);
    router.refresh();
  };

  return (
    <li aria-label={t('historyItem', { date: format.dateTime(new Date(r.createdAt), { dateStyle: 'medium', timeStyle: 'short' }) })} className="rounded border border-slate-200 bg-white p-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-700">{t('from')}</dt>
        <dd className="break-words">
          {r.name} &lt;{r.email}&gt;
        </dd>
        <dt className="text-slate-700">{t('queue')}</dt>
        <dd>{r.queue}</dd>
        <dt className="text-slate-700">{t('state')}</dt>
        <dd>
          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATE_STYLE[r.state]}`}>{t(`states.${r.state}`)}</span>
        </dd>
        <dt className="text-slate-700">{t('owner')}</dt>
        <dd>{r.owner ? (mine ? `${r.owner.name} (${t('mine')})` : r.owner.name) : t('nobody')}</dd>
        <dt className="text-slate-700">{t('age')}</dt>
        <dd>
          <time dateTime={r.createdAt} title={format.dateTime(new Date(r.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}>
            {t(r.age.unit, { n: r.age.n })}
          </time>
        </dd>
      </dl>
      <p className="mt-2 whitespace-pre-wrap break-words border-l-2 border-slate-300 pl-2 text-sm">{r.body}</p>
      {r.state === 'answered' && r.answer !== null && (
        <div className="mt-2 text-sm">
          <p className="font-semibold">{t('yourAnswer')}</p>
          <p className="whitespace-pre-wrap break-words border-l-2 border-green-600 pl-2">{r.answer}</p>
          {r.mail && (
            <p className={r.mail.status === 'failed' || r.mail.lastError ? 'mt-1 text-red-800' : 'mt-1 text-slate-700'}>
              {t('mailLabel')}:{' '}
              {r.mail.status === 'pending' && r.mail.attempts > 0
                ? t('mailStatus.retrying', {
                    attempts: r.mail.attempts,
                    error: r.mail.lastError ?? '',
                    time: r.mail.nextAttemptAt ? format.dateTime(new Date(r.mail.nextAttemptAt), { timeStyle: 'short' }) : '—',
                  })
                : t(`mailStatus.${r.mail.status}`, { error: r.mail.lastError ?? '' })}
            </p>
          )}
          {r.mail?.status === 'failed' && (mine || supervisor) && (
            <Button
              className="mt-2 inline-flex items-center gap-1"
              disabled={busy}
              aria-label={t('retryOne', { email: r.email })}
              onClick={() => void run(() => retryOfflineAnswerMailAction({ id: r.id }), t('retried'))}
            >
              <RotateCcw aria-hidden className="size-4" />
              {t('retry')}
            </Button>
          )}
        </div>
      )}
      {r.state === 'new' && (
        <Button className="mt-2 inline-flex items-center gap-1" disabled={busy} aria-label={t('takeOne', { name: r.name })} onClick={() => void run(() => takeOfflineMessageAction({ id: r.id }), t('taken'))}>
          <Hand aria-hidden className="size-4" />
          {t('take')}
        </Button>
      )}
      {r.state === 'inProgress' && mine && (
        <form
          className="mt-2 flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => answerOfflineMessageAction({ id: r.id, answer }), t('answered'));
          }}
        >
          <TextAreaField label={t('answerLabel', { email: r.email })} rows={4} maxLength={2000} required value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <Button type="submit" variant="primary" disabled={busy || answer.trim() === ''} className="inline-flex w-fit items-center gap-1">
            <Send aria-hidden className="size-4" />
            {t('sendAnswer')}
          </Button>
        </form>
      )}
    </li>
  );
}
