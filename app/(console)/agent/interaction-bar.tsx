'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { CheckCircle2, MessageSquare } from 'lucide-react';
import type { Workspace } from '@/lib/interactions/staff/agent-views';
import { Tooltip } from '@/components/ui/tooltip';
import { PendingBadge } from './pending-badge';

type Item = Workspace['interactions'][number];

/** m:ss (or h:mm:ss) since an instant, ticking while shown. */
function useElapsed(iso: string) {
  const compute = () => Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 1000));
  const [sec, setSec] = useState(compute);
  useEffect(() => {
    const timer = setInterval(() => setSec(compute()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = String(sec % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function Preview({ item, lines }: { item: Item; lines: string[] }) {
  const t = useTranslations('workspace');
  const elapsed = useElapsed(item.createdAt);
  return (
    <div className="flex max-w-xs flex-col gap-1 text-left">
      <span className="font-semibold">{t('bar.startedAgo', { time: elapsed })}</span>
      {lines.length === 0 ? <span>{t('bar.noMessages')}</span> : lines.map((l, i) => <span key={i} className="line-clamp-2 break-words">{l}</span>)}
    </div>
  );
}

/**
 * A7: one chat in the interaction bar. Hovering it, or reaching it with the keyboard, shows a
 * preview (time since the chat started, its last lines, live); the preview is also the button's
 * description for screen readers. A6: seeing the preview stops a blinking indicator.
 */
export function BarItem(props: {
  item: Item;
  lines: string[];
  pendingSince: string | null;
  timers: Workspace['timers'];
  selected: boolean;
  onSelect: () => void;
}) {
  const t = useTranslations('workspace');
  const { item } = props;
  const [seen, setSeen] = useState<string | null>(null);
  const ended = item.status === 'ENDED';
  return (
    <Tooltip side="bottom" content={<Preview item={item} lines={props.lines} />}>
      <button
        type="button"
        aria-current={props.selected ? 'true' : undefined}
        onClick={props.onSelect}
        onMouseEnter={() => setSeen(props.pendingSince)}
        onFocus={() => setSeen(props.pendingSince)}
        className={`flex items-center gap-2 rounded-t border border-b-0 px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 ${props.selected ? 'border-slate-300 bg-white font-semibold' : 'border-transparent bg-slate-200'}`}
      >
        {ended ? <CheckCircle2 aria-hidden className="size-4 text-slate-600" /> : <MessageSquare aria-hidden className="size-4" />}
        <span>{item.contactName}</span>
        {ended ? (
          <span className="sr-only">{t('bar.ended')}</span>
        ) : (
          <PendingBadge since={props.pendingSince} timers={props.timers} compact still={seen !== null && seen === props.pendingSince} />
        )}
      </button>
    </Tooltip>
  );
}
