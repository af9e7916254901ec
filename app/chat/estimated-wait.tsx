'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { ChatWait } from '@/lib/widget/estimated-wait-data';
import { contactApi, type ChatSession } from './contact-api-client';

const EVERY_MS = 30_000;

/**
 * Issue 18: the waiting contact's estimated wait, read again on every realtime queue notice
 * (`tick`: their position changed, or a chat of their queue was accepted) and every 30 s while they wait.
 */
export function EstimatedWait({ session, position, tick }: { session: ChatSession; position: number | null; tick: number }) {
  const t = useTranslations('rating.contactWait');
  const [wait, setWait] = useState<ChatWait | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      contactApi
        .wait(session)
        .then((w) => live && setWait(w))
        .catch(() => undefined);
    void read();
    const timer = setInterval(read, EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [session, position, tick]);
  const e = wait?.estimate;
  if (!e) return null;
  return (
    <p role="status" className="border-b border-slate-200 px-2 py-1 text-sm text-slate-700">
      {e.kind === 'fewMinutes' ? t('few') : t('minutes', { minutes: e.minutes })}
    </p>
  );
}
