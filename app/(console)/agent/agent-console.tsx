'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { channels, events, type ConfigEvent } from '@/lib/realtime/channels';
import type { RealtimeConfig } from '@/lib/realtime/client';
import type { Workspace } from '@/lib/interactions/staff/agent-views';
import { notReadyReasons } from '@/lib/interactions/core/schemas';
import { useChannel, useEvent, useRealtime } from '@/components/chat/use-realtime';
import { Button } from '@/components/ui/button';
import { useSecondsLeft } from '@/components/hooks/use-seconds-left';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toaster';
import { TooltipProvider } from '@/components/ui/tooltip';
import { Check, X } from 'lucide-react';
import { acceptAction, rejectAction, setAgentStateAction } from './actions';
import { unwrap } from '@/components/staff/action-result';
import { InteractionView } from './interaction-view';
import { ConsultationsDock } from './collaboration/consultations-dock';
import { InvitationDetails } from './collaboration/invitation-details';
import { BarItem } from './interaction-bar';

type Invitation = Workspace['invitations'][number];

export function AgentConsole({ initial, realtime }: { initial: Workspace; realtime: RealtimeConfig }) {
  const t = useTranslations('agent');
  const te = useTranslations('errors');
  const [ws, setWs] = useState(initial);
  const [selected, setSelected] = useState<string | null>(initial.interactions[0]?.id ?? null);
  const [pendingById, setPendingById] = useState<Record<string, string | null>>({});
  const [linesById, setLinesById] = useState<Record<string, string[]>>({});
  const setError = (message: string | null) => {
    if (message) toast.error(message);
  };
  const me = ws.me;

  const { pusher, state: connection } = useRealtime(realtime, {}, { staff: true });
  const mine = useChannel(pusher, channels.user(me.id));

  const refresh = useCallback(async () => {
    const res = await fetch('/api/agent/workspace', { cache: 'no-store' });
    // Signed out: a full load of the sign-in page drops this page's state and connections.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (res.status === 401) return window.location.assign('/login');
    if (res.ok) setWs((await res.json()) as Workspace);
  }, []);

  useEvent(mine, events.invitation, (inv) =>
    setWs((w) => (w.invitations.some((i) => i.invitationId === inv.invitationId) ? w : { ...w, invitations: [...w.invitations, inv] })),
  );
  useEvent(mine, events.invitationResolved, () => void refresh());
  useEvent(mine, events.workspace, () => void refresh());
  // The admin changed timers or disposition codes (M1, M3): apply at once, then re-read the rest
  // once every app instance's 1 s settings cache has expired.
  const staff = useChannel(pusher, channels.staff);
  useEvent<ConfigEvent>(staff, events.config, (c) => {
    setWs((w) => ({ ...w, timers: c.timers, dispositionRequired: c.dispositionRequired }));
    setTimeout(() => void refresh(), 1100);
  });
  // Anything missed while disconnected (offers, assignments) is re-read on reconnect.
  useEffect(() => {
    if (connection === 'connected') void refresh();
  }, [connection, refresh]);

  useEffect(() => {
    if (selected && ws.interactions.some((i) => i.id === selected)) return;
    setSelected(ws.interactions[0]?.id ?? null);
  }, [ws.interactions, selected]);

  const stateValue = me.agentStatus === 'NOT_READY' ? `NOT_READY:${me.notReadyReason ?? 'break'}` : me.agentStatus;
  const changeState = async (value: string) => {
    if (value === 'READY' && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    const [status, reason] = value.split(':') as [string, string | undefined];
    const input = status === 'NOT_READY' ? { status: 'NOT_READY' as const, reason: reason as (typeof notReadyReasons)[number] } : { status: status as 'READY' | 'LOGGED_OUT' };
    const r = unwrap(await setAgentStateAction(input));
    if (!r.ok) return setError(te(r.code as 'internal'));
    setError(null);
    await refresh();
  };

  const answer = async (inv: Invitation, accept: boolean) => {
    const r = unwrap(await (accept ? acceptAction : rejectAction)({ invitationId: inv.invitationId }));
    setWs((w) => ({ ...w, invitations: w.invitations.filter((i) => i.invitationId !== inv.invitationId) }));
    if (!r.ok) setError(te(r.code as 'internal'));
    else setError(null);
    await refresh();
    if (r.ok && accept) setSelected(inv.interactionId);
  };

  const openCount = ws.interactions.filter((i) => i.status === 'ACTIVE').length;
  const anyPending = ws.interactions.some((i) => (i.id in pendingById ? pendingById[i.id] : i.pendingSince) && i.status === 'ACTIVE');
  useTitleFlash(anyPending, t('attention'));

  return (
    <TooltipProvider delayDuration={300}>
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="sr-only">{t('title')}</h1>
        <div className="flex items-center gap-2 text-sm">
          <span aria-hidden>{t('agentState')}</span>
          <Select
            label={t('agentState')}
            value={stateValue}
            onValueChange={(v) => void changeState(v)}
            className="min-w-56"
            options={[
              { value: 'READY', label: t('state.READY') },
              ...notReadyReasons
                .filter((r) => r !== 'missed' || stateValue === 'NOT_READY:missed')
                .map((r) => ({ value: `NOT_READY:${r}`, label: t(`state.reason.${r}`) })),
              { value: 'LOGGED_OUT', label: t('state.LOGGED_OUT') },
            ]}
          />
        </div>
        <span className="text-sm text-slate-600">{t('capacity', { open: openCount, capacity: me.capacity })}</span>
        {connection !== 'connected' && <span className="text-xs text-amber-800">{connection}</span>}
      </div>

      {ws.invitations.length > 0 && (
        <section aria-label={t('invitations')} className="flex flex-wrap gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2">
          {ws.invitations.map((inv) => (
            <InvitationCard key={inv.invitationId} inv={inv} onAnswer={(accept) => void answer(inv, accept)} />
          ))}
        </section>
      )}

      <ConsultationsDock me={me.id} pusher={pusher} />

      <nav aria-label={t('interactions')} className="flex gap-1 overflow-x-auto border-b border-slate-200 bg-slate-100 px-2 pt-2">
        {ws.interactions.length === 0 && <p className="px-2 pb-2 text-sm text-slate-600">{t('noInteractions')}</p>}
        {ws.interactions.map((i) => (
          <BarItem
            key={i.id}
            item={i}
            lines={linesById[i.id] ?? i.lastLines}
            pendingSince={i.id in pendingById ? pendingById[i.id]! : i.pendingSince}
            timers={ws.timers}
            selected={i.id === selected}
            onSelect={() => setSelected(i.id)}
          />
        ))}
      </nav>

      <div className="min-h-0 flex-1">
        {ws.interactions.map((i) => (
          <div key={i.id} hidden={i.id !== selected} className="h-full">
            <InteractionView
              interactionId={i.id}
              me={me.id}
              pusher={pusher}
              workspace={ws}
              onPending={(since) => setPendingById((p) => (p[i.id] === since ? p : { ...p, [i.id]: since }))}
              onLines={(lines) => setLinesById((l) => (JSON.stringify(l[i.id]) === JSON.stringify(lines) ? l : { ...l, [i.id]: lines }))}
              onChanged={refresh}
            />
          </div>
        ))}
        {ws.interactions.length > 0 && !selected && <p className="p-4 text-slate-600">{t('selectChat')}</p>}
      </div>
    </div>
    </TooltipProvider>
  );
}

function InvitationCard({ inv, onAnswer }: { inv: Invitation; onAnswer: (accept: boolean) => void }) {
  const t = useTranslations('agent');
  const left = useSecondsLeft(inv.expiresAt);
  return (
    <div role="group" aria-label={t('invitation', { name: inv.contactName, queue: inv.queueName })} className="flex items-center gap-3 rounded border border-amber-300 bg-white px-3 py-2">
      <div className="text-sm">
        <p className="font-semibold">{t('invitation', { name: inv.contactName, queue: inv.queueName })}</p>
        <p className="max-w-xs truncate text-slate-600">{inv.subject}</p>
        <InvitationDetails inv={inv} />
        <p className="text-xs text-amber-900" aria-live="off">
          {t('countdown', { seconds: left })}
        </p>
      </div>
      <Button variant="primary" onClick={() => onAnswer(true)} className="inline-flex items-center gap-1">
        <Check aria-hidden className="size-4" />
        {t('accept')}
      </Button>
      <Button onClick={() => onAnswer(false)} className="inline-flex items-center gap-1">
        <X aria-hidden className="size-4" />
        {t('reject')}
      </Button>
    </div>
  );
}


/** A6: while a response is pending and the page is not the focused window, the tab title flashes. */
function useTitleFlash(active: boolean, alert: string) {
  useEffect(() => {
    if (!active) return;
    const original = document.title;
    let on = false;
    const timer = setInterval(() => {
      on = !on && !document.hasFocus();
      document.title = on ? `${alert} · ${original}` : original;
    }, 1000);
    return () => {
      clearInterval(timer);
      document.title = original;
    };
  }, [active, alert]);
}
