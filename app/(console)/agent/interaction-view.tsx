'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type Pusher from 'pusher-js';
import { channels, events, type MessageDto } from '@/lib/realtime/channels';
import type { InteractionDetail, Workspace } from '@/lib/interactions/agent-chat';
import { Composer } from '@/components/chat/composer';
import { Transcript } from '@/components/chat/transcript';
import { useOutbox } from '@/components/chat/use-outbox';
import { useChannel, useEvent } from '@/components/chat/use-realtime';
import { useTranscript } from '@/components/chat/use-transcript';
import { Button } from '@/components/ui/button';
import { endChatAction, markDoneAction, setDispositionAction } from './actions';
import { staffApi } from './staff-api-client';
import { unwrap } from './action-result';
import { PendingBadge } from './pending-badge';
import { agentDraftKey, agentOutboxKey } from '@/components/chat/outbox-key';
import { UnverifiedMatchBadge, UnverifiedMatchNote } from './unverified-match-badge';

/** The oldest contact message no agent has answered yet (A6), derived from the transcript. */
function pendingSinceOf(messages: MessageDto[]): string | null {
  let since: string | null = null;
  for (const m of messages) {
    if (m.kind !== 'TEXT') continue;
    if (m.senderType === 'AGENT') since = null;
    else if (m.senderType === 'CONTACT' && !since) since = m.createdAt;
  }
  return since;
}

export function InteractionView(props: {
  interactionId: string;
  me: string;
  pusher: Pusher | null;
  workspace: Workspace;
  onPending: (since: string | null) => void;
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
  const te = useTranslations('errors');
  const { detail, pusher, interactionId } = props;
  const [status, setStatus] = useState(detail.status);
  const [connected, setConnected] = useState(detail.contactConnected);
  const [contactTyping, setContactTyping] = useState(false);
  const [dispositionId, setDispositionId] = useState(detail.dispositionId);
  const [error, setError] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const chat = useChannel(pusher, channels.chat(interactionId));
  const fetchAfter = useCallback((seq: number) => staffApi.after(interactionId, seq), [interactionId]);
  const transcript = useTranscript({ pusher, channel: chat, fetchAfter, initial: detail.messages });

  const send = useCallback(
    (item: { clientId: string; text: string }) => staffApi.send(interactionId, item.clientId, item.text, pusher?.connection.socket_id),
    [interactionId, pusher],
  );
  // The outbox belongs to the signed-in user: on a shared workstation another agent's page never
  // picks up (and sends under their own name) text someone else left unsent.
  const outbox = useOutbox({ storageKey: agentOutboxKey(props.me, interactionId), send, onStored: (m) => transcript.apply([m]) });
  // What this page sent: its own messages are "mine" even when they come back over the contact's
  // channel, which carries no user ids.
  const [sentClientIds] = useState(() => new Set<string>());
  const enqueue = useCallback(
    (text: string) => {
      const clientId = outbox.enqueue(text);
      sentClientIds.add(clientId);
    },
    [outbox.enqueue, sentClientIds],
  );
  const { settle } = outbox;
  useEffect(() => settle(transcript.messages.map((m) => m.clientId)), [transcript.messages, settle]);

  const { onPending } = props;
  const pendingSince = status === 'ACTIVE' ? pendingSinceOf(transcript.messages) : null;
  useEffect(() => onPending(pendingSince), [pendingSince, onPending]);

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

  const canAct = detail.access !== 'supervisor';
  const active = status === 'ACTIVE';
  const ended = status === 'ENDED';
  const doneBlocked = props.workspace.dispositionRequired && !dispositionId;
  const connectionText = !connected ? t('connection.disconnected') : contactTyping ? t('connection.typing') : t('connection.connected');

  return (
    <div className="flex h-full min-h-0">
      <section className="flex min-h-0 flex-1 flex-col bg-white">
        <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2">
          <PendingBadge since={pendingSince} timers={props.workspace.timers} />
          <h2 className="text-lg font-semibold">{detail.contactName}</h2>
          {detail.unverifiedMatch && <UnverifiedMatchBadge recordName={detail.contact.name} describedBy={`${interactionId}-unverified`} />}
          <span role="status" className={`text-sm ${connected ? 'text-green-800' : 'text-slate-500'}`}>
            {connectionText}
          </span>
          <details className="relative text-sm">
            <summary className="cursor-pointer rounded border border-slate-300 px-2 py-0.5">{t('contactMenu')}</summary>
            <ul className="absolute z-10 mt-1 min-w-48 rounded border border-slate-200 bg-white p-2 shadow">
              {detail.contact.phones.length === 0 && <li className="text-slate-500">{t('noPhone')}</li>}
              {detail.contact.phones.map((p) => (
                <li key={p}>
                  <a className="text-blue-800 underline" href={`tel:${p}`}>
                    {t('call', { phone: p })}
                  </a>
                </li>
              ))}
            </ul>
          </details>
          <div role="toolbar" aria-label={t('toolbar')} className="ml-auto flex flex-wrap gap-2">
            <Button variant="danger" disabled={!canAct || !active} onClick={() => void act(async () => unwrap(await endChatAction({ interactionId })))}>
              {t('endChat')}
            </Button>
            {(['transfer', 'conference', 'consult'] as const).map((k) => (
              <Button key={k} disabled title={t('unavailable')}>
                {t(k)}
              </Button>
            ))}
            {ended && canAct && (
              <Button
                variant="primary"
                disabled={doneBlocked}
                aria-describedby={doneBlocked ? `${interactionId}-dispo-needed` : undefined}
                onClick={() => void act(async () => unwrap(await markDoneAction({ interactionId }))).then((ok) => ok && props.onChanged())}
              >
                {t('markDone')}
              </Button>
            )}
          </div>
        </header>
        {error && (
          <p role="alert" className="bg-red-50 px-4 py-1 text-sm text-red-800">
            {error}
          </p>
        )}
        {ended && <p className="bg-slate-100 px-4 py-1 text-sm text-slate-700">{t('chatEnded')}</p>}
        {!canAct && <p className="bg-slate-100 px-4 py-1 text-sm text-slate-700">{t('readOnly')}</p>}
        <Transcript messages={transcript.messages} pending={outbox.items} viewer={{ kind: 'staff', userId: props.me, sentClientIds }} onRetry={outbox.retry} />
        <p aria-live="polite" className="h-5 px-4 text-xs text-slate-500">
          {contactTyping ? tc('typing', { name: detail.contactName }) : ''}
        </p>
        {canAct && active && (
          <Composer
            draftKey={agentDraftKey(props.me, interactionId)}
            onSend={enqueue}
            onTyping={(typing) => void staffApi.typing(interactionId, typing, pusher?.connection.socket_id)}
          />
        )}
      </section>
      <aside className="w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-slate-50 p-3 text-sm">
        <label className="mb-3 flex flex-col gap-1">
          <span className="font-semibold">{t('disposition')}</span>
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1"
            value={dispositionId ?? ''}
            disabled={!canAct || status === 'DONE'}
            onChange={async (e) => {
              const value = e.target.value || null;
              if (await act(async () => unwrap(await setDispositionAction({ interactionId, dispositionId: value })))) setDispositionId(value);
            }}
          >
            <option value="">{t('noDisposition')}</option>
            {props.workspace.dispositions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {doneBlocked && ended && (
            <span id={`${interactionId}-dispo-needed`} className="text-xs text-amber-800">
              {t('dispositionRequired')}
            </span>
          )}
        </label>
        <section aria-labelledby={`${interactionId}-case`} className="mb-3">
          <h3 id={`${interactionId}-case`} className="mb-1 font-semibold">
            {t('caseData')}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1">
            {detail.caseData.map((c) => (
              <div key={c.key} className="contents">
                <dt className="text-slate-600">{c.label}</dt>
                <dd className="break-words">{c.value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby={`${interactionId}-contact`}>
          <h3 id={`${interactionId}-contact`} className="mb-1 font-semibold">
            {t('contactInfo')}
          </h3>
          {detail.unverifiedMatch && <UnverifiedMatchNote id={`${interactionId}-unverified`} recordName={detail.contact.name} />}
          <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1">
            <dt className="text-slate-600">{t('contactName')}</dt>
            <dd>{detail.contact.name}</dd>
            <dt className="text-slate-600">{t('emails')}</dt>
            <dd className="break-words">{detail.contact.emails.join(', ') || t('none')}</dd>
            <dt className="text-slate-600">{t('phones')}</dt>
            <dd>{detail.contact.phones.join(', ') || t('none')}</dd>
          </dl>
        </section>
      </aside>
    </div>
  );
}
