'use client';

import { useTranslations } from 'next-intl';
import { Eye, LifeBuoy } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { events, type MessageDto, type SupervisionEvent } from '@/lib/realtime/channels';
import type Pusher from 'pusher-js';
import { Composer } from '@/components/chat/composer';
import { useEvent } from '@/components/chat/use-realtime';
import { useInternalOutbox, type InternalStream } from '@/components/chat/use-internal-stream';
import { Button } from '@/components/ui/button';
import { unwrap } from '@/components/staff/action-result';
import { askForHelpAction } from './help-actions';

/**
 * The agent's side of supervision on one chat: the "being monitored" sign (only when the admin
 * shows monitoring to agents, S4) and the Ask for help toggle (S7).
 */
export function SupervisionBar(props: { interactionId: string; stream: InternalStream; canAct: boolean; active: boolean }) {
  const t = useTranslations('supervisor.agentSide');
  const te = useTranslations('errors');
  const { interactionId } = props;
  const [state, setState] = useState<{ monitored: boolean; helpRequested: boolean }>({ monitored: false, helpRequested: false });
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const res = await fetch(`/api/interactions/${encodeURIComponent(interactionId)}/supervision`, { cache: 'no-store' }).catch(() => null);
    if (res?.ok) setState((await res.json()) as typeof state);
  }, [interactionId]);
  useEffect(() => void refresh(), [refresh]);
  useEvent<SupervisionEvent>(props.stream.channel, events.supervision, (e) => setState((s) => ({ ...s, monitored: e.monitored })));
  // A supervisor who coaches the chat has answered the help request.
  const coachingCount = props.stream.thread('coaching').length;
  useEffect(() => {
    if (coachingCount > 0) void refresh();
  }, [coachingCount, refresh]);

  const toggleHelp = async () => {
    const on = !state.helpRequested;
    const r = unwrap(await askForHelpAction({ interactionId, on }));
    if (!r.ok) return setError(te(r.code as 'internal'));
    setError(null);
    setState((s) => ({ ...s, helpRequested: on }));
  };

  return (
    <div className="flex items-center gap-2 text-sm">
      {state.monitored && (
        <span role="status" className="inline-flex items-center gap-1 rounded bg-violet-100 px-2 py-0.5 text-violet-900">
          <Eye aria-hidden className="h-4 w-4" />
          {t('monitored')}
        </span>
      )}
      {props.canAct && props.active && (
        <Button aria-pressed={state.helpRequested} onClick={() => void toggleHelp()} className={state.helpRequested ? 'border-amber-500 bg-amber-100' : ''}>
          <LifeBuoy aria-hidden className="mr-1 inline h-4 w-4" />
          {t('askForHelp')}
        </Button>
      )}
      {state.helpRequested && <span className="text-amber-900">{t('helpRequested')}</span>}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}

/** S5: the agent answers their coach privately, on the coaching thread (never to the contact). */
export function CoachingReply(props: { interactionId: string; pusher: Pusher | null; stream: InternalStream }) {
  const t = useTranslations('supervisor.agentSide');
  const outbox = useInternalOutbox(props.pusher, props.interactionId, 'coaching', props.stream, 'agent-outbox');
  const { settle } = outbox;
  useEffect(() => settle(props.stream.messages.map((m: MessageDto) => m.clientId)), [props.stream.messages, settle]);
  return (
    <div className="border-t border-dashed border-violet-400 bg-violet-50">
      <p className="px-3 pt-1 text-xs font-semibold text-violet-900">{t('replyHint')}</p>
      {outbox.items.length > 0 && (
        <p className="px-3 pt-1 text-xs text-violet-900">
          {outbox.items.some((i) => i.status === 'failed') ? t('replyFailed') : t('replySending')}
          {outbox.items.some((i) => i.status === 'failed') && (
            <button type="button" className="ml-2 underline" onClick={() => outbox.retry()}>
              {t('retry')}
            </button>
          )}
        </p>
      )}
      <Composer draftKey={`coach-reply-draft:${props.interactionId}`} label={t('replyLabel')} sendLabel={t('replySend')} onSend={outbox.enqueue} />
    </div>
  );
}


