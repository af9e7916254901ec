'use client';

import { useTranslations } from 'next-intl';
import { ArrowDown, Ear, LifeBuoy, MessageSquareWarning, Radio } from 'lucide-react';
import { memo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { pendingLevel } from '@/lib/interactions/core/lifecycle';
import type { SupervisionMode } from '@/lib/realtime/channels';
import { pendingMs, waitingMs, type BoardRow, type BoardSort } from '@/lib/supervisor/board';
import { formatDuration } from './format';
import { PendingLevelBadge } from './pending-level';

const ROW_HEIGHT = 44;

/**
 * S1: one table row per chat, virtualized (only the rows in view are in the DOM, so a thousand
 * live chats stay usable); rows are memoized so a delta re-renders only the rows it changed
 * (and the clock re-renders only what is in view).
 */
export function BoardTable(props: {
  rows: BoardRow[];
  total: number;
  now: number;
  timers: { yellowSec: number; redSec: number };
  sort: BoardSort;
  onSort: (s: BoardSort) => void;
  modeOf: (interactionId: string) => SupervisionMode | null;
  onSupervise: (row: BoardRow, mode: SupervisionMode) => void;
}) {
  const t = useTranslations('supervisor.board');
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: props.rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  const sortHeader = (key: BoardSort, label: string, width: string) => (
    <th scope="col" aria-sort={props.sort === key ? 'descending' : 'none'} className={`${width} px-2 py-1 text-left`}>
      <button type="button" onClick={() => props.onSort(key)} className="inline-flex items-center gap-1 font-semibold hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
        {label}
        {props.sort === key && <ArrowDown aria-hidden className="h-3 w-3" />}
      </button>
    </th>
  );

  return (
    <div ref={scroller} className="min-h-0 flex-1 overflow-auto" tabIndex={-1}>
      <table aria-label={t('title')} aria-rowcount={props.rows.length + 1} className="w-full min-w-[72rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">{t('caption', { shown: props.rows.length, total: props.total })}</caption>
        <thead className="sticky top-0 z-10 bg-slate-100 shadow-sm">
          <tr aria-rowindex={1}>
            <th scope="col" className="w-40 px-2 py-1 text-left">{t('contact')}</th>
            <th scope="col" className="w-36 px-2 py-1 text-left">{t('agent')}</th>
            <th scope="col" className="w-20 px-2 py-1 text-left">{t('queue')}</th>
            <th scope="col" className="w-20 px-2 py-1 text-left">{t('state')}</th>
            {sortHeader('started', t('sinceStart'), 'w-20')}
            {sortHeader('waiting', t('waiting'), 'w-20')}
            {sortHeader('pending', t('pending'), 'w-44')}
            <th scope="col" className="px-2 py-1 text-left">{t('lastMessage')}</th>
            <th scope="col" className="sticky right-0 w-80 bg-slate-100 px-2 py-1 text-left">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={9} />
            </tr>
          )}
          {items.map((v) => {
            const row = props.rows[v.index]!;
            return <BoardTableRow key={row.id} index={v.index} row={row} now={props.now} timers={props.timers} mode={props.modeOf(row.id)} onSupervise={props.onSupervise} />;
          })}
          {bottom > 0 && (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={9} />
            </tr>
          )}
        </tbody>
      </table>
      {props.rows.length === 0 && <p className="p-4 text-slate-600">{props.total === 0 ? t('empty') : t('noMatch')}</p>}
    </div>
  );
}

const BoardTableRow = memo(function BoardTableRow(props: {
  index: number;
  row: BoardRow;
  now: number;
  timers: { yellowSec: number; redSec: number };
  mode: SupervisionMode | null;
  onSupervise: (row: BoardRow, mode: SupervisionMode) => void;
}) {
  const t = useTranslations('supervisor.board');
  const ta = useTranslations('agent');
  const { row, now } = props;
  const level = row.status === 'ACTIVE' ? pendingLevel(row.pendingSince ? new Date(row.pendingSince) : null, new Date(now), props.timers.yellowSec, props.timers.redSec) : 'none';
  const queued = row.status === 'QUEUED' || row.status === 'OFFERED';
  const live = row.status === 'ACTIVE';
  const help = !!row.helpRequestedAt;
  const rowBg = help ? 'bg-amber-100' : props.mode ? 'bg-blue-50' : 'bg-white';
  const modeButton = (mode: SupervisionMode, label: string, Icon: typeof Ear, enabled: boolean) => (
    <button
      type="button"
      disabled={!enabled}
      aria-pressed={props.mode === mode}
      onClick={() => props.onSupervise(row, mode)}
      className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:text-slate-400 ${
        props.mode === mode ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white hover:bg-slate-100'
      }`}
    >
      <Icon aria-hidden className="h-3.5 w-3.5" />
      {label}
    </button>
  );
  return (
    <tr
      aria-rowindex={props.index + 2}
      data-status={row.status}
      data-help={help ? 'true' : undefined}
      style={{ height: ROW_HEIGHT }}
      className={`border-b border-slate-200 ${rowBg}`}
    >
      <td className="truncate px-2">
        {help && (
          <span className="mr-1 inline-flex items-center gap-0.5 rounded bg-amber-600 px-1 text-xs font-semibold text-white">
            <LifeBuoy aria-hidden className="h-3 w-3" />
            {t('helpRequested')}
          </span>
        )}
        <span className="font-medium" title={row.subject}>
          {row.contactName}
        </span>
      </td>
      <td className="truncate px-2">
        {row.ownerId ? (
          <>
            {row.ownerNickname ?? row.ownerName}
            {row.ownerName && row.ownerNickname !== row.ownerName && <span className="text-slate-500"> ({row.ownerName})</span>}
          </>
        ) : (
          <span className="text-slate-500">{t('noAgent')}</span>
        )}
      </td>
      <td className="truncate px-2">{row.queueName}</td>
      <td className="truncate px-2">{t(`status.${row.status}`)}</td>
      <td className="px-2 tabular-nums">{formatDuration(now - Date.parse(row.createdAt))}</td>
      <td className="px-2 tabular-nums">{queued || row.acceptedAt ? formatDuration(waitingMs(row, now)) : '—'}</td>
      <td className="overflow-hidden px-2">
        <PendingLevelBadge level={level} text={ta(`pending.${level}`)} duration={level === 'none' ? null : formatDuration(pendingMs(row, now))} />
      </td>
      <td className="truncate px-2 text-slate-700" title={row.lastMessage ? `${row.lastMessage.senderName}: ${row.lastMessage.text}` : undefined}>
        {row.lastMessage ? (
          <>
            <span className="font-medium">{row.lastMessage.senderName}:</span> {row.lastMessage.text}
          </>
        ) : (
          '—'
        )}
      </td>
      <td className={`sticky right-0 px-2 ${rowBg}`}>
        <div className="flex gap-1">
          {modeButton('MONITOR', t('monitor'), Ear, true)}
          {modeButton('COACH', t('coach'), MessageSquareWarning, live)}
          {modeButton('BARGE_IN', t('bargeIn'), Radio, live)}
        </div>
      </td>
    </tr>
  );
});
