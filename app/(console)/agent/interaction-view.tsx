'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type Pusher from 'pusher-js';
import { channels, events } from '@/lib/realtime/channels';
import type { InteractionDetail, Workspace } from '@/lib/interactions/staff/agent-views';
import { Composer } from '@/components/chat/composer';
import { Transcript } from '@/components/chat/transcript';
import { useOutbox, type Outgoing } from '@/components/chat/use-outbox';
import { useStaffAttach } from '@/components/chat/staff-attach';
import { FileDropZone } from '@/components/chat/drop-zone';
import type { AttachmentRef } from '@/lib/realtime/channels';
import { useChannel, useEvent } from '@/components/chat/use-realtime';
import { useTranscript } from '@/components/chat/use-transcript';
import { mergeStreams, useInternalStream } from '@/components/chat/use-internal-stream';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toaster';
import { pendingSinceOf, toolbarState, lastLines } from '@/lib/interactions/client/agent-view';
import { CheckCheck, PhoneOff } from 'lucide-react';
import type { ComposerResponses } from '@/components/chat/composer';
import { endChatAction, markDoneAction, setDispositionAction } from './actions';
import { chatResponsesAction } from './workspace-actions';
import { CaseDataPanel } from './case-data-panel';
import { ContactHistoryPanel } from './contact-history-panel';
import { ContactInfoPanel } from './contact-info-panel';
import { ContactMenu } from './contact-menu';
import { NotesPanel } from './notes-panel';
import { staffApi } from '@/components/staff/staff-api-client';
import { unwrap } from '@/components/staff/action-result';
import { PendingBadge } from './pending-badge';
import { CollaborationButtons, CollaborationNotices } from './collaboration/collaboration-controls';
import { ConsultationPanel } from './collaboration/consultation-panel';
import { useCollaboration } from './collaboration/use-collaboration';
import { CoachingReply, SupervisionBar } from './supervision-bar';
import { agentDraftKey, agentOutboxKey } from '@/components/chat/outbox-key';
import { UnverifiedMatchBadge, UnverifiedMatchNote } from './unverified-match-badge';

const NO_RESPONSES: ComposerResponses = { responses: [], values: {} };

export function InteractionView(props: {
  interactionId: string;
  me: string;
  pusher: Pusher | null;
  workspace: Workspace;
  onPending: (since: string | null) => void;
  /** A7: the last lines of this chat, live, for the interaction bar's preview. */
  onLines?: (lines: string[]) => void;
  onChanged: () => void;
}) {
  const t = useTranslations('agent');
  const [detail, setDetail] = useState<InteractionDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch(`/api/interactions/${encodeURIComponent(props.interactionId)}`, { cache: 'no-store' })
      .then(async (res) => {
        if (!live) return;
        if (res.ok) setDetail((await res.json()) as InteractionDetail);
        else setLoadError(String(res.status));
      })
      .catch(() => live && setLoadError('network'));
    return () => {
      live = false;
    };
  }, [props.interactionId]);

  if (loadError) return <p className="p-4 text-red-700">{loadError}</p>;
  if (!detail) return <p className="p-4 text-slate-600">{t('loading')}</p>;
  return <LoadedView {...props} detail={detail} />;
}

function LoadedView(props: Parameters<typeof InteractionView>[0] & { detail: InteractionDetail }) {
  const t = useTranslations('agent');
  const tc = useTranslations('common');
  const tcol = useTranslations('collaboration');
  const te = useTranslations('errors');
  const { detail, pusher, interactionId } = props;
  const [status, setStatus] = useState(detail.status);
  const [connected, setConnected] = useState(detail.contactConnected);
  const [contactTyping, setContactTyping] = useState(false);
  const [dispositionId, setDispositionId] = useState(detail.dispositionId);
  const [contact, setContact] = useState(detail.contact);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [responses, setResponses] = useState<ComposerResponses | null>(null);
  const setError = (message: string | null) => {
    if (message) toast.error(message);
  };
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const chat = useChannel(pusher, channels.chat(interactionId));
  const fetchAfter = useCallback((seq: number) => staffApi.after(interactionId, seq), [interactionId]);
  const transcript = useTranscript({ pusher, channel: chat, fetchAfter, initial: detail.messages });
  const collab = useCollaboration({ interactionId, me: props.me, pusher, chat, enabled: detail.access !== 'supervisor' });
  // The staff-only stream: coaching (S5) shows in the transcript, marked; consultation has its own panel.
  const internal = useInternalStream(pusher, interactionId);
  const coaching = internal.thread('coaching');

  const send = useCallback(
    (item: Outgoing) => staffApi.send(interactionId, item.clientId, item.text, pusher?.connection.socket_id, item.attachments?.map((a) => a.id)),
    [interactionId, pusher],
  );
  // The outbox belongs to the signed-in user: on a shared workstation another agent's page never
  // picks up (and sends under their own name) text someone else left unsent.
  const outbox = useOutbox({ storageKey: agentOutboxKey(props.me, interactionId), send, onStored: (m) => transcript.apply([m]) });
  // What this page sent: its own messages are "mine" even when they come back over the contact's
  // channel, which carries no user ids.
  const [sentClientIds] = useState(() => new Set<string>());
  const attach = useStaffAttach(interactionId);
  const enqueue = useCallback(
    (text: string, attachments?: AttachmentRef[]) => {
      const clientId = outbox.enqueue(text, attachments);
      sentClientIds.add(clientId);
    },
    [outbox.enqueue, sentClientIds],
  );
  const { settle } = outbox;
  useEffect(() => settle(transcript.messages.map((m) => m.clientId)), [transcript.messages, settle]);

  const { onPending } = props;
  const pendingSince = status === 'ACTIVE' ? pendingSinceOf(transcript.messages) : null;
  useEffect(() => onPending(pendingSince), [pendingSince, onPending]);
  const { onLines } = props;
  const linesKey = JSON.stringify(lastLines(transcript.messages));
  useEffect(() => onLines?.(JSON.parse(linesKey) as string[]), [linesKey, onLines]);

  useEvent(chat, events.interaction, (e) => {
    setStatus(e.status);
    if (e.status === 'ENDED' || e.status === 'DONE') props.onChanged();
    if (e.lastSeq > transcript.lastSeq) void transcript.catchUp();
  });
  useEvent(chat, events.contactState, (e) => setConnected(e.connected));
  useEvent(chat, events.typing, (e) => {
    if (e.who !== 'contact') return;
    clearTimeout(typingTimer.current);
    setContactTyping(e.typing);
    if (e.typing) typingTimer.current = setTimeout(() => setContactTyping(false), 6000);
  });
  // A6: a contact message while the page is in the background raises a desktop notification.
  const notifiedSeq = useRef(detail.lastSeq);
  useEffect(() => {
    const last = transcript.messages.at(-1);
    if (!last || last.seq <= notifiedSeq.current) return;
    notifiedSeq.current = last.seq;
    if (last.kind !== 'TEXT' || last.senderType !== 'CONTACT' || document.hasFocus()) return;
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      new Notification(detail.contactName, { body: last.text.slice(0, 200), tag: interactionId });
    }
  }, [transcript.messages, detail.contactName, interactionId]);

  useEffect(() => {
    const last = transcript.messages.at(-1);
    if (last?.kind === 'TEXT' && last.senderType === 'CONTACT') setContactTyping(false);
    if (last?.event === 'ended') setStatus((s) => (s === 'ACTIVE' ? 'ENDED' : s));
  }, [transcript.messages]);

  const act = async (fn: () => Promise<{ ok: boolean; code?: string }>) => {
    const r = await fn();
    setError(r.ok ? null : te((r as { code: string }).code as 'internal'));
    return r.ok;
  };

  const tools = toolbarState({ status, access: detail.access, dispositionId, dispositionRequired: props.workspace.dispositionRequired });
  const { canAct } = tools;
  const active = status === 'ACTIVE';
  const ended = status === 'ENDED';
  const doneBlocked = tools.markDoneBlocked === 'dispositionRequired';

  // A15: the standard responses for this chat (its language, its placeholder values).
  useEffect(() => {
    if (!canAct || !active || responses) return;
    void chatResponsesAction({ interactionId }).then((r) => {
      const u = unwrap(r);
      if (u.ok) setResponses({ responses: u.data.responses, values: u.data.values });
    });
  }, [canAct, active, responses, interactionId]);
  const connectionText = !connected ? t('connection.disconnected') : contactTyping ? t('connection.typing') : t('connection.connected');

  return (
    <div className="flex h-full min-h-0">
      <section className="flex min-h-0 flex-1 flex-col bg-white">
        <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2">
          <PendingBadge since={pendingSince} timers={props.workspace.timers} />
          {/* An unverified match shows what the contact typed (and, marked, the record it matched);
              otherwise the record is this contact's own, edited in Contact information. */}
          <h2 className="text-lg font-semibold">{detail.unverifiedMatch ? detail.contactName : contact.name}</h2>
          {detail.unverifiedMatch && <UnverifiedMatchBadge recordName={contact.name} describedBy={`${interactionId}-unverified`} />}
          <span role="status" className={`text-sm ${connected ? 'text-green-800' : 'text-slate-500'}`}>
            {connectionText}
          </span>
          <ContactMenu interactionId={interactionId} phones={contact.phones} canAct={canAct} onCalled={() => setHistoryVersion((v) => v + 1)} />
          <SupervisionBar interactionId={interactionId} stream={internal} canAct={detail.access !== 'supervisor'} active={status === 'ACTIVE'} />
          <div role="toolbar" aria-label={t('toolbar')} className="ml-auto flex flex-wrap gap-2">
            <Button variant="danger" className="inline-flex items-center gap-1" disabled={!tools.canEnd} onClick={() => void act(async () => unwrap(await endChatAction({ interactionId })))}>
              <PhoneOff aria-hidden className="size-4" />
              {t('endChat')}
            </Button>
            <CollaborationButtons collab={collab} canAct={canAct} active={active} isOwner={detail.access === 'owner'} onError={setError} />
            {tools.showMarkDone && (
              <Button
                variant="primary"
                className="inline-flex items-center gap-1"
                disabled={doneBlocked}
                aria-describedby={doneBlocked ? `${interactionId}-dispo-needed` : undefined}
                onClick={() => void act(async () => unwrap(await markDoneAction({ interactionId }))).then((ok) => ok && props.onChanged())}
              >
                <CheckCheck aria-hidden className="size-4" />
                {t('markDone')}
              </Button>
            )}
          </div>
        </header>
        <CollaborationNotices collab={collab} />
        {ended && <p className="bg-slate-100 px-4 py-1 text-sm text-slate-700">{t('chatEnded')}</p>}
        {!canAct && <p className="bg-slate-100 px-4 py-1 text-sm text-slate-700">{t('readOnly')}</p>}
        <FileDropZone>
          <Transcript messages={mergeStreams(transcript.messages, coaching)} pending={outbox.items} viewer={{ kind: 'staff', userId: props.me, sentClientIds }} onRetry={outbox.retry} />
          <p aria-live="polite" className="h-5 px-4 text-xs text-slate-500">
            {contactTyping ? tc('typing', { name: detail.contactName }) : ''}
          </p>
          {canAct && active && coaching.length > 0 && <CoachingReply interactionId={interactionId} pusher={pusher} stream={internal} />}
          {canAct && active && (
            <Composer
              draftKey={agentDraftKey(props.me, interactionId)}
              onSend={enqueue}
              attach={attach}
              onTyping={(typing) => void staffApi.typing(interactionId, typing, pusher?.connection.socket_id)}
              // Never null here: the picker's markup wraps the message box from the first render, so
              // the box is not remounted (losing focus mid-word) when the responses arrive.
              responses={responses ?? NO_RESPONSES}
            />
          )}
        </FileDropZone>
      </section>
      {canAct && (
        <ConsultationPanel
          interactionId={interactionId}
          me={props.me}
          pusher={pusher}
          open={collab.state?.members.some((m) => m.role === 'CONSULT') ?? false}
          title={tcol('consultation')}
          withNames={collab.state?.members.filter((m) => m.role === 'CONSULT').map((m) => m.name)}
          hideWhenEmpty
          onChanged={() => void collab.refresh()}
          voicePeer={collab.consultee}
        />
      )}
      <aside className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-slate-50 p-3 text-sm">
        <div className="mb-4 flex flex-col gap-1">
          <span className="font-semibold" aria-hidden>
            {t('disposition')}
          </span>
          <Select
            label={t('disposition')}
            value={dispositionId ?? 'none'}
            disabled={!tools.canSetDisposition}
            onValueChange={async (v) => {
              const value = v === 'none' ? null : v;
              if (await act(async () => unwrap(await setDispositionAction({ interactionId, dispositionId: value })))) setDispositionId(value);
            }}
            options={[{ value: 'none', label: t('noDisposition') }, ...props.workspace.dispositions.map((d) => ({ value: d.id, label: d.name }))]}
          />
          {doneBlocked && ended && (
            <span id={`${interactionId}-dispo-needed`} className="text-xs text-amber-900">
              {t('dispositionRequired')}
            </span>
          )}
        </div>
        <NotesPanel interactionId={interactionId} me={props.me} canAct={canAct && status !== 'DONE'} />
        <CaseDataPanel interactionId={interactionId} initial={detail.caseData} canAct={canAct && status !== 'DONE'} />
        {detail.unverifiedMatch && <UnverifiedMatchNote id={`${interactionId}-unverified`} recordName={contact.name} />}
        <ContactInfoPanel interactionId={interactionId} contact={contact} canAct={canAct && status !== 'DONE'} onChange={setContact} />
        <ContactHistoryPanel interactionId={interactionId} me={props.me} version={historyVersion} />
      </aside>
    </div>
  );
}
