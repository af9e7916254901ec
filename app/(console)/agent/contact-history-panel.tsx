'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useState } from 'react';
import { History, MessagesSquare, PhoneOutgoing } from 'lucide-react';
import type { CallAttemptDto, HistoryItem } from '@/lib/contacts/history';
import type { MessageDto } from '@/lib/realtime/channels';
import { Transcript } from '@/components/chat/transcript';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toaster';
import { contactHistoryAction, historyTranscriptAction } from './workspace-actions';
import { unwrap } from '@/components/staff/action-result';
import { authorLabel } from './notes-panel';
import { OfflineHistory } from './offline-history';

function duration(sec: number | null) {
  if (sec === null) return null;
  const m = Math.floor(sec / 60);
  return `${m}:${String(sec % 60).padStart(2, '0')}`;
}

/**
 * A12: the contact's earlier interactions, a page at a time, newest first; opening one shows its
 * whole transcript read-only in the same transcript component the live chat uses. A1: the call
 * attempts on the contact's numbers.
 */
export function ContactHistoryPanel({ interactionId, me, version }: { interactionId: string; me: string; version: number }) {
  const t = useTranslations('workspace');
  const ta = useTranslations('agent');
  const tr = useTranslations('rating');
  const te = useTranslations('errors');
  const format = useFormatter();
  const headingId = useId();
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [calls, setCalls] = useState<CallAttemptDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [open, setOpen] = useState<{ item: HistoryItem; messages: MessageDto[] | null } | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      const r = unwrap(await contactHistoryAction({ interactionId, cursor: from }));
      if (!r.ok) return void toast.error(te(r.code as 'internal'));
      setItems((list) => (from ? [...list, ...r.data.items] : r.data.items));
      if (r.data.calls) setCalls(r.data.calls);
      setCursor(r.data.nextCursor);
      setLoaded(true);
    },
    [interactionId, te],
  );
  useEffect(() => void load(null), [load, version]);

  const openOne = async (item: HistoryItem) => {
    setOpen({ item, messages: null });
    const r = unwrap(await historyTranscriptAction({ interactionId, pastId: item.id }));
    if (!r.ok) {
      setOpen(null);
      return void toast.error(te(r.code as 'internal'));
    }
    setOpen({ item, messages: r.data.messages });
  };

  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section aria-labelledby={headingId} className="mb-4">
      <h3 id={headingId} className="mb-1 flex items-center gap-1 font-semibold">
        <History aria-hidden className="size-4" />
        {t('history.title')}
      </h3>
      {loaded && items.length === 0 && <p className="text-slate-600">{t('history.none')}</p>}
      <ul aria-label={t('history.list')} className="flex flex-col gap-2">
        {items.map((i) => (
          <li key={i.id} className="rounded border border-slate-200 bg-white p-2">
            <p className="font-semibold">
              <time dateTime={i.createdAt}>{date(i.createdAt)}</time>
            </p>
            <p className="break-words text-slate-700">{i.subject}</p>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs">
              <dt className="text-slate-700">{t('history.agent')}</dt>
              <dd>{i.agentNickname ? (i.agentName && i.agentName !== i.agentNickname ? `${i.agentNickname} (${i.agentName})` : i.agentNickname) : ta('none')}</dd>
              <dt className="text-slate-700">{t('history.outcome')}</dt>
              <dd>{t(`history.outcomes.${i.outcome}`)}</dd>
              <dt className="text-slate-700">{ta('disposition')}</dt>
              <dd>{i.disposition ?? ta('none')}</dd>
              <dt className="text-slate-700">{t('history.duration')}</dt>
              <dd>{duration(i.durationSec) ?? ta('none')}</dd>
              <dt className="text-slate-700">{tr('history')}</dt>
              <dd>{i.rating === null ? ta('none') : tr('historyValue', { rating: i.rating })}</dd>
              {i.ratingComment && (
                <>
                  <dt className="text-slate-700">{tr('historyComment')}</dt>
                  <dd className="whitespace-pre-wrap break-words">{i.ratingComment}</dd>
                </>
              )}
            </dl>
            {i.notes.length > 0 && (
              <ul className="mt-1 flex flex-col gap-1 border-l-2 border-slate-300 pl-2 text-xs">
                {i.notes.map((n) => (
                  <li key={n.id}>
                    <span className="font-semibold">{t('history.note', { author: authorLabel(n) })}</span> <span className="whitespace-pre-wrap break-words">{n.text}</span>
                  </li>
                ))}
              </ul>
            )}
            <Button className="mt-1 inline-flex items-center gap-1 px-2 py-0.5 text-xs" onClick={() => void openOne(i)} aria-label={t('history.open', { date: date(i.createdAt) })}>
              <MessagesSquare aria-hidden className="size-3.5" />
              {t('history.openShort')}
            </Button>
          </li>
        ))}
      </ul>
      {cursor && (
        <Button className="mt-2" onClick={() => void load(cursor)}>
          {t('history.more')}
        </Button>
      )}
      <OfflineHistory interactionId={interactionId} version={version} />
      {calls.length > 0 && (
        <>
          <h4 className="mt-3 flex items-center gap-1 text-sm font-semibold">
            <PhoneOutgoing aria-hidden className="size-4" />
            {t('history.calls')}
          </h4>
          <ul aria-label={t('history.calls')} className="flex flex-col gap-1 text-xs">
            {calls.map((c) => (
              <li key={c.id}>{t('history.call', { phone: c.phone, by: c.by, date: date(c.createdAt) })}</li>
            ))}
          </ul>
        </>
      )}
      <Dialog open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        {open && (
          <DialogContent title={t('history.transcriptTitle', { date: date(open.item.createdAt) })} description={open.item.subject} closeLabel={t('close')} className="flex h-[80vh] flex-col">
            {open.messages === null ? <p>{ta('loading')}</p> : <Transcript messages={open.messages} viewer={{ kind: 'staff', userId: me }} />}
          </DialogContent>
        )}
      </Dialog>
    </section>
  );
}
