'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { channels, events, type SupervisionAttachedEvent, type SupervisionMode } from '@/lib/realtime/channels';
import type { RealtimeConfig } from '@/lib/realtime/client';
import type { BoardFilter, BoardRow, BoardSnapshot, BoardSort, BoardStatus } from '@/lib/supervisor/board';
import type { FiguresView } from '@/lib/supervisor/figures-data';
import type { SupervisorSession } from '@/lib/supervisor/supervision';
import { useChannel, useEvent, useRealtime } from '@/components/chat/use-realtime';
import { TooltipProvider } from '@/components/ui/tooltip';
import { Toaster, toast } from '@/components/ui/toaster';
import { unwrap } from '@/components/staff/action-result';
import { monitorNextAction, stopSupervisingAction, superviseAction } from './actions';
import { AgentsPanel } from './agents-panel';
import { BoardTable } from './board-table';
import { FiguresPanel } from './figures-panel';
import { SessionPanel } from './session-panel';
import { useBoard, type BoardRead } from './use-board';

const STATES: BoardStatus[] = ['QUEUED', 'OFFERED', 'ACTIVE', 'ENDED'];
const FIGURES_EVERY_MS = 10_000;

export function SupervisorConsole(props: {
  me: string;
  initial: { snapshot: BoardSnapshot; figures: FiguresView; sessions: SupervisorSession[]; monitorNext: string[] };
  directory: { queues: { id: string; name: string }[]; groups: { id: string; name: string }[] };
  realtime: RealtimeConfig;
}) {
  const t = useTranslations('supervisor');
  const te = useTranslations('errors');
  const tc = useTranslations('common');
  const { pusher, state: connection } = useRealtime(props.realtime, {}, { staff: true });
  const boardChannel = useChannel(pusher, channels.supervisors);
  const mine = useChannel(pusher, channels.user(props.me));

  const [sessions, setSessions] = useState(props.initial.sessions);
  const [selected, setSelected] = useState<string | null>(props.initial.sessions[0]?.interactionId ?? null);
  const [monitorNext, setMonitorNext] = useState(() => new Set(props.initial.monitorNext));
  const [figures, setFigures] = useState(props.initial.figures);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onRead = useCallback((r: BoardRead) => {
    setSessions(r.me.sessions);
    setMonitorNext(new Set(r.me.monitorNext));
  }, []);
  const [filter, setFilter] = useState<BoardFilter>({});
  const [sort, setSort] = useState<BoardSort>('waiting');
  const { board, version, catchUp } = useBoard({ pusher, channel: boardChannel, initial: props.initial.snapshot, sort, onRead });

  // The clock that makes every time on the page tick.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const readFigures = useCallback(async () => {
    const res = await fetch('/api/supervisor/figures', { cache: 'no-store' }).catch(() => null);
    if (res?.ok) setFigures((await res.json()) as FiguresView);
  }, []);
  useEffect(() => {
    const timer = setInterval(() => void readFigures(), FIGURES_EVERY_MS);
    return () => clearInterval(timer);
  }, [readFigures]);
  useEffect(() => {
    if (connection === 'connected') void readFigures();
  }, [connection, readFigures]);

  // Monitor next attached this supervisor to a chat the agent just accepted: open it.
  useEvent<SupervisionAttachedEvent>(mine, events.supervision, (e) => {
    void catchUp();
    setSelected((s) => s ?? e.interactionId);
    const row = board.rows.get(e.interactionId);
    toast(t('attached', { name: row?.contactName ?? '' }));
  });

  // The order is kept incrementally by the board; reading it is one linear pass (per slice of
  // deltas, per tick of the clock, per change of filter or sort).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` and `sort` stand for the board's mutable state
  const rows = useMemo(() => board.list(now, filter), [board, version, filter, sort, now]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  const agents = useMemo(() => board.agentsByName(), [board, version]);
  const modes = useMemo(() => new Map(sessions.map((s) => [s.interactionId, s.mode])), [sessions]);
  const modeOf = useCallback((id: string) => modes.get(id) ?? null, [modes]);
  const timers = figures.timers;

  const supervise = useCallback(
    async (interactionId: string, contactName: string, mode: SupervisionMode) => {
      setBusy(true);
      const r = unwrap(await superviseAction({ interactionId, mode }));
      setBusy(false);
      if (!r.ok) return setError(te(r.code as 'internal'));
      setError(null);
      setSessions((list) => (list.some((s) => s.interactionId === interactionId) ? list.map((s) => (s.interactionId === interactionId ? { ...s, mode } : s)) : [...list, { interactionId, mode, contactName }]));
      setSelected(interactionId);
    },
    [te],
  );
  const onSupervise = useCallback((row: BoardRow, mode: SupervisionMode) => void supervise(row.id, row.contactName, mode), [supervise]);

  const leave = async (interactionId: string) => {
    setBusy(true);
    const r = unwrap(await stopSupervisingAction({ interactionId }));
    setBusy(false);
    if (!r.ok) return setError(te(r.code as 'internal'));
    setError(null);
    setSessions((list) => list.filter((s) => s.interactionId !== interactionId));
    setSelected((s) => (s === interactionId ? null : s));
  };

  const toggleMonitorNext = useCallback(
    async (agentId: string, on: boolean) => {
      const r = unwrap(await monitorNextAction({ agentId, on }));
      if (!r.ok) return setError(te(r.code as 'internal'));
      setError(null);
      setMonitorNext((set) => {
        const next = new Set(set);
        if (on) next.add(agentId);
        else next.delete(agentId);
        return next;
      });
    },
    [te],
  );

  const current = sessions.find((s) => s.interactionId === selected) ?? null;
  const select = (label: string, value: string | undefined, options: { id: string; name: string }[], set: (v: string | undefined) => void) => (
    <label className="flex items-center gap-1 text-sm">
      {label}
      <select className="rounded border border-slate-300 bg-white px-2 py-1" value={value ?? ''} onChange={(e) => set(e.target.value || undefined)}>
        <option value="">{t('filters.all')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <TooltipProvider delayDuration={200}>
      <div className="flex h-full flex-col">
        <h1 className="sr-only">{t('title')}</h1>
        <FiguresPanel figures={figures} />
        <div role="search" aria-label={t('filters.label')} className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-3 py-2">
          {select(t('filters.queue'), filter.queueId, props.directory.queues, (queueId) => setFilter((f) => ({ ...f, queueId })))}
          {select(t('filters.group'), filter.groupId, props.directory.groups, (groupId) => setFilter((f) => ({ ...f, groupId })))}
          {select(
            t('filters.agent'),
            filter.agentId,
            agents.map((a) => ({ id: a.id, name: a.name })),
            (agentId) => setFilter((f) => ({ ...f, agentId })),
          )}
          {select(
            t('filters.state'),
            filter.status,
            STATES.map((s) => ({ id: s, name: t(`board.status.${s}`) })),
            (status) => setFilter((f) => ({ ...f, status: status as BoardStatus | undefined })),
          )}
          <span className="text-sm text-slate-600">{t('board.count', { shown: rows.length, total: board.rows.size })}</span>
          {connection !== 'connected' && <span className="text-xs text-amber-800">{connection === 'connecting' ? tc('connection.connecting') : tc('connection.reconnecting')}</span>}
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
        <div className="flex min-h-0 flex-1">
          <div className="flex min-w-0 flex-1 flex-col">
            <BoardTable rows={rows} total={board.rows.size} now={now} timers={timers} sort={sort} onSort={setSort} modeOf={modeOf} onSupervise={onSupervise} />
          </div>
          {sessions.length > 0 && (
            <aside aria-label={t('session.panel')} className="flex w-[28rem] shrink-0 flex-col border-l border-slate-200">
              <nav aria-label={t('session.list')} className="flex flex-wrap gap-1 border-b border-slate-200 bg-slate-100 p-1">
                {sessions.map((s) => (
                  <button
                    key={s.interactionId}
                    type="button"
                    aria-current={s.interactionId === selected ? 'true' : undefined}
                    onClick={() => setSelected(s.interactionId)}
                    className={`rounded px-2 py-0.5 text-xs ${s.interactionId === selected ? 'bg-white font-semibold shadow' : 'bg-slate-200'}`}
                  >
                    {t('session.tab', { name: s.contactName, mode: t(`session.modeShort.${s.mode}`) })}
                  </button>
                ))}
              </nav>
              {current ? (
                <SessionPanel
                  key={current.interactionId}
                  session={current}
                  me={props.me}
                  pusher={pusher}
                  busy={busy}
                  onMode={(mode) => void supervise(current.interactionId, current.contactName, mode)}
                  onLeave={() => void leave(current.interactionId)}
                />
              ) : (
                <p className="p-3 text-sm text-slate-600">{t('session.pick')}</p>
              )}
            </aside>
          )}
        </div>
        <AgentsPanel agents={agents} now={now} timers={timers} monitorNext={monitorNext} me={props.me} onMonitorNext={(id, on) => void toggleMonitorNext(id, on)} />
        <Toaster />
      </div>
    </TooltipProvider>
  );
}
