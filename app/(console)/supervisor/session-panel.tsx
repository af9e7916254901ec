'use client';

import { useTranslations } from 'next-intl';
import { Ear, LogOut, MessageSquareWarning, Radio } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type Pusher from 'pusher-js';
import { channels, events, type InteractionEvent, type SupervisionMode, type TypingEvent } from '@/lib/realtime/channels';
import type { SupervisorSession } from '@/lib/supervisor/supervision';
import { Composer } from '@/components/chat/composer';
import { Transcript } from '@/components/chat/transcript';
import { mergeStreams, useInternalOutbox, useInternalStream } from '@/components/chat/use-internal-stream';
import { useOutbox } from '@/components/chat/use-outbox';
import { useStaffAttach } from '@/components/chat/staff-attach';
import { FileDropZone } from '@/components/chat/drop-zone';
import { useChannel, useEvent } from '@/components/chat/use-realtime';
import { useTranscript } from '@/components/chat/use-transcript';
import { Button } from '@/components/ui/button';
import { staffApi } from '@/components/staff/staff-api-client';

const MODES: { mode: SupervisionMode; key: 'monitor' | 'coach' | 'bargeIn'; Icon: typeof Ear }[] = [
  { mode: 'MONITOR', key: 'monitor', Icon: Ear },
  { mode: 'COACH', key: 'coach', Icon: MessageSquareWarning },
  { mode: 'BARGE_IN', key: 'bargeIn', Icon: Radio },
];

/**
 * One chat a supervisor is in (S4–S6): the whole transcript from the start with coaching marked,
 * both sides' typing, live; switching mode keeps the transcript (same component, same streams).
 * Monitor is read-only; Coach writes to the agent only (internal stream); Barge in writes to everyone.
 */
export function SessionPanel(props: {
  session: SupervisorSession;
  me: string;
  pusher: Pusher | null;
  busy: boolean;
  onMode: (mode: SupervisionMode) => void;
  onLeave: () => void;
}) {
  const t = useTranslations('supervisor.session');
  const tb = useTranslations('supervisor.board');
  const tc = useTranslations('common');
  const { pusher, session } = props;
  const id = session.interactionId;
  const chat = useChannel(pusher, channels.chat(id));
  const fetchAfter = useCallback((seq: number) => staffApi.after(id, seq), [id]);
  const transcript = useTranscript({ pusher, channel: chat, fetchAfter });
  const internal = useInternalStream(pusher, id);
  const coaching = internal.thread('coaching');
  const [status, setStatus] = useState<string | null>(null);

  const [typing, setTyping] = useState<Record<string, string>>({});
  const typingTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEvent<TypingEvent>(chat, events.typing, (e) => {
    const key = e.who === 'contact' ? 'contact' : e.name;
    clearTimeout(typingTimers.current.get(key));
    setTyping((m) => {
      const next = { ...m };
      if (e.typing) next[key] = e.name;
      else delete next[key];
      return next;
    });
    if (e.typing) typingTimers.current.set(key, setTimeout(() => setTyping(({ [key]: _, ...rest }) => rest), 6000));
  });
  useEffect(() => () => typingTimers.current.forEach((timer) => clearTimeout(timer)), []);
  useEvent<InteractionEvent>(chat, events.interaction, (e) => {
    setStatus(e.status);
    if (e.lastSeq > transcript.lastSeq) void transcript.catchUp();
  });

  // Barge in: to everyone, under the supervisor's nickname (the agent's send route accepts BARGE_IN).
  const sendAll = useCallback((item: { clientId: string; text: string; attachments?: { id: string }[] }) => staffApi.send(id, item.clientId, item.text, pusher?.connection.socket_id, item.attachments?.map((a) => a.id)), [id, pusher]);
  const attach = useStaffAttach(id);
  const toAll = useOutbox({ storageKey: `supervisor-outbox:${id}`, send: sendAll, onStored: (m) => transcript.apply([m]) });
  const toAgent = useInternalOutbox(pusher, id, 'coaching', internal, 'supervisor-outbox');
  const settleAll = toAll.settle;
  const settleAgent = toAgent.settle;
  useEffect(() => settleAll(transcript.messages.map((m) => m.clientId)), [transcript.messages, settleAll]);
  useEffect(() => settleAgent(internal.messages.map((m) => m.clientId)), [internal.messages, settleAgent]);

  const ended = status === 'ENDED' || status === 'DONE' || transcript.messages.some((m) => m.event === 'ended');
  const typingNames = Object.values(typing);

  return (
    <section aria-label={t('label', { name: session.contactName })} className="flex min-h-0 flex-1 flex-col overflow-y-auto bg-white">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h2 className="font-semibold">{session.contactName}</h2>
        <span role="status" className="text-sm text-slate-700">
          {t(`modeNow.${session.mode}`)}
        </span>
        <div role="group" aria-label={t('modes')} className="ml-auto flex gap-1">
          {MODES.map(({ mode, key, Icon }) => (
            <Button key={mode} variant={session.mode === mode ? 'primary' : 'secondary'} aria-pressed={session.mode === mode} disabled={props.busy || (mode !== 'MONITOR' && ended)} onClick={() => props.onMode(mode)}>
              <Icon aria-hidden className="mr-1 inline h-4 w-4" />
              {tb(key)}
            </Button>
          ))}
          <Button disabled={props.busy} onClick={props.onLeave}>
            <LogOut aria-hidden className="mr-1 inline h-4 w-4" />
            {t('leave')}
          </Button>
        </div>
      </header>
      {ended && <p className="bg-slate-100 px-3 py-1 text-sm text-slate-700">{t('ended')}</p>}
      <FileDropZone>
        <Transcript className="min-h-48" messages={mergeStreams(transcript.messages, coaching)} pending={session.mode === 'BARGE_IN' ? toAll.items : toAgent.items} viewer={{ kind: 'staff', userId: props.me }} onRetry={(c) => (session.mode === 'BARGE_IN' ? toAll.retry(c) : toAgent.retry(c))} />
        <p aria-live="polite" className="h-5 px-3 text-xs text-slate-500">
          {typingNames.map((name) => tc('typing', { name })).join(' · ')}
        </p>
        {session.mode === 'MONITOR' && <p className="border-t border-slate-200 px-3 py-2 text-sm text-slate-600">{t('readOnly')}</p>}
        {/* One composer for Coach and Barge in, at one place with one draft: what the supervisor
            typed stays across mode switches (only where it goes changes). Monitor keeps the draft. */}
        {(session.mode === 'COACH' || session.mode === 'BARGE_IN') && !ended && (
          <div className={session.mode === 'COACH' ? 'border-t border-dashed border-violet-400 bg-violet-50' : undefined}>
            {session.mode === 'COACH' && <p className="px-3 pt-1 text-xs text-violet-900">{t('coachHint')}</p>}
            <Composer
              draftKey={`supervisor-draft:${id}`}
              {...(session.mode === 'COACH'
                ? { label: t('coachLabel'), sendLabel: t('coachSend'), onSend: toAgent.enqueue, attach }
                : { onSend: toAll.enqueue, attach, onTyping: (on: boolean) => void staffApi.typing(id, on, pusher?.connection.socket_id) })}
            />
          </div>
        )}
      </FileDropZone>
    </section>
  );
}
