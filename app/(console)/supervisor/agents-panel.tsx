'use client';

import { useTranslations } from 'next-intl';
import { LifeBuoy } from 'lucide-react';
import { memo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { pendingLevel } from '@/lib/interactions/core/lifecycle';
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
  // Only the agents in view are in the DOM: the clock re-renders them every second.
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({ count: props.agents.length, getScrollElement: () => scroller.current, estimateSize: () => AGENT_ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <section ref={scroller} aria-labelledby="agents-heading" className="max-h-72 min-h-0 overflow-auto border-t border-slate-200 bg-white">
      <h2 id="agents-heading" className="sticky top-0 z-10 bg-white px-3 py-1 font-semibold">
        {t('title')}
      </h2>
      <table aria-labelledby="agents-heading" aria-rowcount={props.agents.length + 1} className="w-full text-sm">
        <thead className="bg-slate-100">
          <tr aria-rowindex={1}>
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
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={8} />
            </tr>
          )}
          {items.map((v) => {
            const a = props.agents[v.index]!;
            return <AgentLine key={a.id} index={v.index} agent={a} now={props.now} timers={props.timers} watching={props.monitorNext.has(a.id)} self={a.id === props.me} onMonitorNext={props.onMonitorNext} />;
          })}
          {bottom > 0 && (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={8} />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

const AGENT_ROW_HEIGHT = 33;

const AgentLine = memo(function AgentLine(props: {
  index: number;
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
    <tr aria-rowindex={props.index + 2} style={{ height: AGENT_ROW_HEIGHT }} data-help={a.helpRequests > 0 ? 'true' : undefined} className={`border-b border-slate-100 ${a.helpRequests > 0 ? 'bg-amber-100' : ''}`}>
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
