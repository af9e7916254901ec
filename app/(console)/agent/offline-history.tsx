'use client';

import { Mail } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { OfflineMessageRow } from '@/lib/widget/offline-inbox';
import { unwrap } from '@/components/staff/action-result';
import { contactOfflineHistoryAction } from './offline-history-actions';

/** A12 (issue 18): in the contact's history, what they left through the offline form and the email answer. */
export function OfflineHistory({ interactionId, version }: { interactionId: string; version: number }) {
  const t = useTranslations('offline.inbox');
  const format = useFormatter();
  const [items, setItems] = useState<OfflineMessageRow[]>([]);
  useEffect(() => {
    let live = true;
    void contactOfflineHistoryAction({ interactionId }).then((r) => {
      const u = unwrap(r);
      if (live && u.ok) setItems(u.data);
    });
    return () => {
      live = false;
    };
  }, [interactionId, version]);
  if (items.length === 0) return null;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <h4 className="mt-3 flex items-center gap-1 text-sm font-semibold">
        <Mail aria-hidden className="size-4" />
        {t('historyTitle')}
      </h4>
      <ul aria-label={t('historyTitle')} className="flex flex-col gap-2 text-xs">
        {items.map((m) => (
          <li key={m.id} className="rounded border border-slate-200 bg-white p-2">
            <p className="font-semibold">{t('historyItem', { date: date(m.createdAt) })}</p>
            <p className="text-slate-700">
              {t('state')}: {t(`states.${m.state}`)}
            </p>
            <p className="whitespace-pre-wrap break-words">{m.body}</p>
            {m.answer !== null && (
              <>
                <p className="mt-1 font-semibold">{t('historyAnswer', { by: m.owner?.name ?? t('nobody') })}</p>
                <p className="whitespace-pre-wrap break-words border-l-2 border-green-600 pl-2">{m.answer}</p>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
