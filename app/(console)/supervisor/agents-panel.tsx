'use client';

import { useTranslations } from 'next-intl';
import { LifeBuoy } from 'lucide-react';
import { memo } from 'react';
import { pendingLevel } from '@/lib/interactions/lifecycle';
import type { AgentRow } from '@/lib/supervisor/board';
import { formatDuration } from './format';
import { PendingLevelBadge } from './pending-level';

/** S2: each agent's state (reason, time in state), open chats against capacity, longest pending response, group, skills. */
export function AgentsPanel(props: {
  agents: AgentRow[];
  now: number;
  timers: { yellowSec: number; redSec: number };
  monitorNext: ReadonlySet<string>;
  me: string;
  onMonitorNext: (agentId: string, on: boolean) => void;
}) {
  const t = useTranslations('supervisor.agents');
  return (
    <section aria-labelledby="agents-heading" className="max-h-72 min-h-0 overflow-auto border-t border-slate-200 bg-white">
      <h2 id="agents-heading" className="sticky top-0 z-10 bg-white px-3 py-1 font-semibold">
        {t('title')}
      </h2>
      <table aria-labelledby="agents-heading" className="w-full text-sm">
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-2 py-1 text-left">{t('agent')}</th>
            <th scope="col" className="px-2 py-1 text-left">{t('state')}</th>
            <th scope="col" className="px-2 py-1 text-left">{t('timeInState')}</th>
            <th scope="col" className="px-2 py-1 text-left">{t('chats')}</th>
            <th scope="col" className="px-2 py-1 text-left">{t('longestPending')}</th>
            <th scope="col" className="px-2 py-1 text-left">{t('group')}</th>
            <th scope="col" className="px-2 py-1 text-left">{t('skills')}</th>
            <th scope="col" className="px-2 py-1 text-left">{t('monitorNext')}</th>
          </tr>
        </thead>
        <tbody>
          {props.agents.map((a) => (
            <AgentLine key={a.id} agent={a} now={props.now} timers={props.timers} watching={props.monitorNext.has(a.id)} self={a.id === props.me} onMonitorNext={props.onMonitorNext} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

const AgentLine = memo(function AgentLine(props: {
  agent: AgentRow;
  now: number;
  timers: { yellowSec: number; redSec: number };
  watching: boolean;
  self: boolean;
  onMonitorNext: (agentId: string, on: boolean) => void;
}) {
  const t = useTranslations('supervisor.agents');
  const ta = useTranslations('agent');
  const { agent: a, now } = props;
  const level = pendingLevel(a.oldestPendingSince ? new Date(a.oldestPendingSince) : null, new Date(now), props.timers.yellowSec, props.timers.redSec);
  const state = a.status === 'NOT_READY' && a.notReadyReason ? ta(`state.reason.${a.notReadyReason as 'break'}`) : ta(`state.${a.status}`);
  return (
    <tr data-help={a.helpRequests > 0 ? 'true' : undefined} className={`border-b border-slate-100 ${a.helpRequests > 0 ? 'bg-amber-100' : ''}`}>
      <td className="px-2 py-1">
        {a.helpRequests > 0 && (
          <span className="mr-1 inline-flex items-center gap-0.5 rounded bg-amber-600 px-1 text-xs font-semibold text-white">
            <LifeBuoy aria-hidden className="h-3 w-3" />
            {t('helpRequested', { count: a.helpRequests })}
          </span>
        )}
        <span className="font-medium">{a.name}</span>
        {a.nickname && <span className="text-slate-500"> ({a.nickname})</span>}
      </td>
      <td className="px-2 py-1">{state}</td>
      <td className="px-2 py-1 tabular-nums">{formatDuration(now - Date.parse(a.statusSince))}</td>
      <td className="px-2 py-1 tabular-nums">{t('load', { open: a.openChats, capacity: a.capacity })}</td>
      <td className="px-2 py-1">
        <PendingLevelBadge level={level} text={ta(`pending.${level}`)} duration={a.oldestPendingSince ? formatDuration(now - Date.parse(a.oldestPendingSince)) : null} />
      </td>
      <td className="px-2 py-1">{a.groupName ?? '—'}</td>
      <td className="px-2 py-1">{a.skills.join(', ') || '—'}</td>
      <td className="px-2 py-1">
        {!props.self && (
          <button
            type="button"
            aria-pressed={props.watching}
            onClick={() => props.onMonitorNext(a.id, !props.watching)}
            className={`rounded border px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${props.watching ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white hover:bg-slate-100'}`}
          >
            {t('monitorNextButton')}
          </button>
        )}
      </td>
    </tr>
  );
});
