'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { pendingLevel } from '@/lib/interactions/core/lifecycle';

const style = {
  none: 'bg-slate-300',
  green: 'bg-green-600',
  yellow: 'bg-yellow-400',
  red: 'bg-red-600',
} as const;

/** A6: the pending-response indicator; the colour is never the only signal (text beside or in sr-only). */
export function PendingBadge({ since, timers, compact, still }: { since: string | null; timers: { yellowSec: number; redSec: number }; compact?: boolean; still?: boolean }) {
  const t = useTranslations('agent');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!since) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  const level = pendingLevel(since ? new Date(since) : null, new Date(now), timers.yellowSec, timers.redSec);
  if (level === 'none' && compact) return null;
  return (
    <span className="inline-flex items-center gap-1 text-xs" data-pending={level}>
      <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${style[level]} ${level === 'red' && !still ? 'pending-blink' : ''}`} />
      <span className={compact ? 'sr-only' : ''}>{t(`pending.${level}`)}</span>
    </span>
  );
}
