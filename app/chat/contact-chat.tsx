'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { channels, events } from '@/lib/realtime/channels';
import type { RealtimeConfig } from '@/lib/realtime/client';
import { FileDropZone } from '@/components/chat/drop-zone';
import { Composer } from '@/components/chat/composer';
import { Transcript } from '@/components/chat/transcript';
import { uploadFile, type FileSource } from '@/components/chat/attachments';
import type { ComposerAttach } from '@/components/chat/composer-files';
import { useOutbox } from '@/components/chat/use-outbox';
import { useChannel, useEvent, useRealtime } from '@/components/chat/use-realtime';
import { useTranscript } from '@/components/chat/use-transcript';
import { Button } from '@/components/ui/button';
import { ApiError, contactApi, type ChatSession, type ChatState } from './contact-api-client';
import { AfterChat } from './after-chat';
import { EstimatedWait } from './estimated-wait';
import { StartForm } from './start-form';
import { OfflineForm } from './offline-form';
import { readStored, storedShapes } from '@/lib/client/stored';
import { useEmbedBridge, type EmbedBridge } from './embed-bridge';
import type { ContactPrechat } from '@/lib/widget/prechat-store';
import { isStaleQueueNotice, nextWaitTick } from '@/lib/widget/wait-notices';

const SESSION_KEY = 'chat-session';

function loadSession(): ChatSession | null {
  return readStored((k) => localStorage.getItem(k), SESSION_KEY, storedShapes.chatSession, null);
}

/**
 * `embed`: rendered inside the website widget's iframe (/widget), talking to the host page (issue 18).
 * `offline`: the queue is outside its business hours or has no agent logged in: the offline form
 * shows instead of the start form (issue 18); `queue`: the queue asked for (?queue=<name>).
 */
export function ContactChat({
  realtime,
  files,
  embed,
  offline = null,
  queue,
  prechat,
}: {
  realtime: RealtimeConfig;
  files: ContactFiles;
  embed?: { allowedOrigins: string[] };
  offline?: 'closed' | 'noAgent' | null;
  queue?: string;
  /** The queue's pre-chat form (issue 18). */
  prechat?: ContactPrechat;
}) {
  const t = useTranslations('contact');
  const bridge = useEmbedBridge(embed?.allowedOrigins);
  // The server refused a start: the queue went offline since the page was rendered.
  const [refused, setRefused] = useState(false);
  const [session, setSession] = useState<ChatSession | null | undefined>(undefined);
  const [initial, setInitial] = useState<ChatState | null>(null);

  // C4: the same browser comes back to the same chat, with its whole transcript. In the widget the
  // host page keeps it (bridge.session); elsewhere this origin's localStorage.
  const embedded = bridge !== null;
  const hostSession = bridge?.session;
  const keep = useCallback(
    (s: ChatSession | null) => {
      try {
        if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
        else localStorage.removeItem(SESSION_KEY);
      } catch {
        // no storage here (a cross-site iframe): the host page keeps it
      }
      bridge?.post({ type: 'chatconsole:session', session: s });
    },
    [bridge],
  );
  useEffect(() => {
    if (embedded && hostSession === undefined) return; // the host has not answered yet
    const s = embedded ? hostSession! : loadSession();
    if (!s) return setSession(null);
    contactApi
      .state(s)
      .then((state) => {
        setInitial(state);
        setSession(s);
      })
      .catch((e) => {
        if (e instanceof ApiError && (e.status === 401 || e.status === 404)) keep(null);
        else setInitial(null);
        setSession(e instanceof ApiError && (e.status === 401 || e.status === 404) ? null : s);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the session source is known
  }, [embedded, hostSession === undefined]);

  const content =
    session === undefined ? (
      <p className="p-4 text-slate-600">{t('loading')}</p>
    ) : !session && (offline || refused) ? (
      <OfflineForm reason={offline ?? 'closed'} queue={queue} />
    ) : !session ? (
      <StartForm
        key={bridge?.identity ? JSON.stringify(bridge.identity) : 'anonymous'}
        identity={bridge?.identity ?? undefined}
        queue={queue}
        prechat={prechat}
        onOffline={() => setRefused(true)}
        onStarted={(s) => {
          keep(s);
          setInitial(null);
          setSession(s);
        }}
      />
    ) : (
      <LiveChat
        key={session.chatId}
        session={session}
        initial={initial}
        realtime={realtime}
        files={files}
        bridge={bridge}
        onLeave={() => {
          keep(null);
          setInitial(null);
          setSession(null);
        }}
      />
    );
  if (!bridge) return content;
  return (
    <>
      <MinimizeBar bridge={bridge} />
      {content}
    </>
  );
}

/** In the widget, the chat's own way back to the host page (full screen on a phone hides the launcher). */
function MinimizeBar({ bridge }: { bridge: EmbedBridge }) {
  const t = useTranslations('widget');
  return (
    <div className="mb-1 flex justify-end">
      <Button onClick={() => bridge.post({ type: 'chatconsole:close' })}>{t('minimize')}</Button>
    </div>
  );
}

type ContactFiles = { maxFileSizeMb: number; contactsEnabled: boolean };

function LiveChat({
  session,
  initial,
  realtime,
  files,
  bridge,
  onLeave,
}: {
  session: ChatSession;
  initial: ChatState | null;
  realtime: RealtimeConfig;
  files: ContactFiles;
  bridge: EmbedBridge | null;
  onLeave: () => void;
}) {
  const t = useTranslations('contact');
  const tc = useTranslations('common');
  const te = useTranslations('errors');
  const [status, setStatus] = useState<ChatState['status']>(initial?.status ?? 'QUEUED');
  const [position, setPosition] = useState<number | null>(initial?.queuePosition ?? null);
  // Counts queue notices while waiting: each one (e.g. an accept in the queue) re-reads the estimate.
  const [waitTick, setWaitTick] = useState(0);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const { pusher, state: connection } = useRealtime(realtime, { chat_id: session.chatId, chat_secret: session.secret });
  const chat = useChannel(pusher, channels.chat(session.chatId));
  // Joining this presence channel is how the agent learns the contact is here (C4).
  useChannel(pusher, channels.contactPresence(session.chatId));

  const fetchAfter = useCallback(
    async (seq: number) => {
      const s = await contactApi.state(session, seq);
      setStatus(s.status);
      setPosition(s.queuePosition);
      return s.messages;
    },
    [session],
  );
  const transcript = useTranscript({ pusher, channel: chat, fetchAfter, initial: initial?.messages });
  const outbox = useOutbox({
    storageKey: `chat-outbox:${session.chatId}`,
    send: (item) => contactApi.send(session, item.clientId, item.text, pusher?.connection.socket_id, item.attachments?.map((a) => a.id)),
    onStored: (m) => transcript.apply([m]),
  });
  const { settle } = outbox;
  useEffect(() => settle(transcript.messages.map((m) => m.clientId)), [transcript.messages, settle]);

  useEvent(chat, events.interaction, (e) => {
    if (isStaleQueueNotice(e, transcript.lastSeq)) return;
    setStatus(e.status === 'OFFERED' ? 'QUEUED' : e.status);
    setPosition(e.queuePosition);
    setWaitTick((n) => nextWaitTick(n, e));
    if (e.lastSeq > transcript.lastSeq) void transcript.catchUp();
  });
  useEvent(chat, events.typing, (e) => {
    if (e.who !== 'agent') return;
    clearTimeout(typingTimer.current);
    setAgentTyping(e.typing ? e.name : null);
    // A lost "stopped typing" must not leave the notice up forever.
    if (e.typing) typingTimer.current = setTimeout(() => setAgentTyping(null), 6000);
  });
  useEffect(() => {
    const last = transcript.messages.at(-1);
    if (last?.kind === 'TEXT' && last.senderType === 'AGENT') setAgentTyping(null);
  }, [transcript.messages]);
  useEffect(() => {
    if (connection === 'connected') outbox.retry();
  }, [connection, outbox]);

  const fileSource = useMemo<FileSource>(() => ({ kind: 'fetch', load: (_m, a) => contactApi.file(session, a.id) }), [session]);
  const attach = useMemo<ComposerAttach>(
    () => ({
      maxFileSizeMb: files.maxFileSizeMb,
      contactsEnabled: files.contactsEnabled,
      byContact: true,
      upload: (file, clientId, onProgress) =>
        uploadFile({ url: `/api/v1/chats/${encodeURIComponent(session.chatId)}/files`, file, clientId, headers: { authorization: `Bearer ${session.secret}` }, onProgress }),
    }),
    [files, session],
  );
  const open = status === 'QUEUED' || status === 'OFFERED' || status === 'ACTIVE';
  useWidgetEvents(bridge, transcript.messages, initial?.lastSeq ?? 0, open);
  const waiting = status === 'QUEUED' || status === 'OFFERED';

  return (
    <section className="flex min-h-0 flex-1 flex-col rounded-lg border border-slate-200 bg-white">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 p-2">
        <p role="status" className="text-sm">
          {waiting ? (position ? t('waitingPosition', { position }) : t('waiting')) : open ? t('connected') : t('ended')}
        </p>
        {open ? (
          <Button
            variant="danger"
            onClick={async () => {
              try {
                await contactApi.end(session);
                setStatus('ENDED');
                void transcript.catchUp();
              } catch (e) {
                setError(te(e instanceof ApiError ? (e.code as 'internal') : 'internal'));
              }
            }}
          >
            {t('endChat')}
          </Button>
        ) : (
          <Button variant="primary" onClick={onLeave}>
            {t('newChat')}
          </Button>
        )}
      </div>
      {waiting && <EstimatedWait session={session} position={position} tick={waitTick} />}
      {connection !== 'connected' && connection !== 'connecting' && (
        <p role="status" className="bg-amber-50 px-2 py-1 text-xs text-amber-900">
          {tc('connection.reconnecting')}
        </p>
      )}
      {error && (
        <p role="alert" className="bg-red-50 px-2 py-1 text-sm text-red-800">
          {error}
        </p>
      )}
      <FileDropZone>
        <Transcript messages={transcript.messages} pending={outbox.items} viewer={{ kind: 'contact' }} onRetry={outbox.retry} files={fileSource} />
        <p aria-live="polite" className="h-5 px-3 text-xs text-slate-600">
          {agentTyping ? tc('typing', { name: agentTyping }) : ''}
        </p>
        {!open && <AfterChat session={session} />}
        {open && (
          <Composer
            draftKey={`chat-draft:${session.chatId}`}
            onSend={outbox.enqueue}
            attach={files.contactsEnabled ? attach : undefined}
            onTyping={(typing) => void contactApi.typing(session, typing, pusher?.connection.socket_id).catch(() => undefined)}
          />
        )}
      </FileDropZone>
    </section>
  );
}

/**
 * In the widget, the host page hears of each new staff message (its unread badge and "message"
 * event) and whether a chat is live (so the next page of the site loads the chat at once). Only
 * what the contact sees anyway: visible staff text, by nickname.
 */
function useWidgetEvents(bridge: EmbedBridge | null, messages: ReturnType<typeof useTranscript>['messages'], initialSeq: number, live: boolean) {
  const told = useRef(initialSeq);
  const post = bridge?.post;
  useEffect(() => {
    if (!post) return;
    for (const m of messages) {
      if (m.seq <= told.current) continue;
      told.current = m.seq;
      if (m.kind === 'TEXT' && m.senderType === 'AGENT') post({ type: 'chatconsole:message', message: { seq: m.seq, from: m.senderName, text: m.text } });
    }
  }, [messages, post]);
  useEffect(() => post?.({ type: 'chatconsole:chat', live }), [live, post]);
}
