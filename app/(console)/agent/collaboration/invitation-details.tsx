'use client';

import { useTranslations } from 'next-intl';
import type { InvitationEvent } from '@/lib/realtime/channels';

/** What a transfer, conference or consultation invitation shows before it is accepted: who asks, the last lines. */
export function InvitationDetails({ inv }: { inv: Pick<InvitationEvent, 'kind' | 'inviterName' | 'lastLines'> }) {
  const tc = useTranslations('collaboration');
  if (inv.kind === 'OFFER') return null;
  return (
    <div className="text-xs text-slate-700">
      <p className="font-semibold text-violet-900">{tc(`invitationKind.${inv.kind}`, { name: inv.inviterName ?? '' })}</p>
      {inv.lastLines && inv.lastLines.length > 0 && (
        <ul aria-label={tc('lastLines')} className="mt-1 max-w-xs border-l-2 border-slate-200 pl-2">
          {inv.lastLines.map((l, i) => (
            <li key={i} className="truncate">
              {l}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
