'use client';

import { Hand, Send } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { OfflineMessageRow } from '@/lib/widget/offline-inbox';
import type { ageOf } from '@/lib/widget/offline-age';
import { unwrap } from '@/components/staff/action-result';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { toast } from '@/components/ui/toaster';
import { answerOfflineMessageAction, takeOfflineMessageAction } from './actions';

type Row = OfflineMessageRow & { age: ReturnType<typeof ageOf> };

const STATE_STYLE = { new: 'bg-amber-100 text-amber-900', inProgress: 'bg-blue-100 text-blue-900', answered: 'bg-green-100 text-green-900' } as const;

/** The inbox: each message with its state (as text), owner and age; Take, then Answer by email. */
export function OfflineInbox({ rows, me }: { rows: Row[]; me: string }) {
  const t = useTranslations('offline.inbox');
  if (rows.length === 0) return <p className="text-slate-700">{t('empty')}</p>;
  return (
    <ul aria-label={t('list')} className="flex max-w-4xl flex-col gap-3">
      {rows.map((r) => (
        <OfflineItem key={r.id} row={r} me={me} />
      ))}
    </ul>
  );
}

function OfflineItem({ row: r, me }: { row: Row; me: string }) {
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
            <p className={r.mail.status === 'failed' ? 'mt-1 text-red-800' : 'mt-1 text-slate-700'}>
              {t('mailLabel')}: {t(`mailStatus.${r.mail.status}`, { error: r.mail.lastError ?? '' })}
            </p>
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
