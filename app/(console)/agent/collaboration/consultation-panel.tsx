'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type Pusher from 'pusher-js';
import { Lock, PhoneOff } from 'lucide-react';
import { channels, events, type MessageDto } from '@/lib/realtime/channels';
import { useChannel, useEvent } from '@/components/chat/use-realtime';
import { Button } from '@/components/ui/button';
import { endConsultationAction } from '../collaboration-actions';
import { unwrap } from '@/components/staff/action-result';
import { VoiceCall } from './voice-call';
import { MessageFiles, staffFileSource } from '@/components/chat/attachments';
import { AttachInput, FilePicker, useComposerFiles } from '@/components/chat/composer-files';
import { useStaffAttach } from '@/components/chat/staff-attach';

const THREAD = 'consultation';

/**
 * The consultation thread of one chat (T4), on its own channel (private-consult-{id}); only
 * messages of the 'consultation' thread are kept. Catches up from the store on
 * subscribe and reconnect; the internal seq has gaps here by design (other threads), so it merges
 * by seq without waiting for them.
 */
function useConsultationThread(pusher: Pusher | null, interactionId: string, onSystem?: () => void) {
  const [messages, setMessages] = useState<MessageDto[]>([]);
  const ref = useRef<MessageDto[]>([]);
  const apply = useCallback((incoming: MessageDto[]) => {
    const byId = new Map(ref.current.map((m) => [m.id, m]));
    let changed = false;
    for (const m of incoming) {
      if (m.thread !== THREAD || m.interactionId !== interactionId || byId.has(m.id)) continue;
      byId.set(m.id, m);
      changed = true;
    }
    if (!changed) return;
    ref.current = [...byId.values()].sort((a, b) => a.seq - b.seq);
    setMessages(ref.current);
  }, [interactionId]);
  const catchUp = useCallback(async () => {
    const after = ref.current.at(-1)?.seq ?? 0;
    const res = await fetch(`/api/interactions/${encodeURIComponent(interactionId)}/consultation?after=${after}`, { cache: 'no-store' }).catch(() => null);
    if (res?.ok) apply(((await res.json()) as { messages: MessageDto[] }).messages);
  }, [interactionId, apply]);
  useEffect(() => {
    void catchUp();
  }, [catchUp]);

  // The consultation's own channel: the consulted agent hears nothing else of the chat (defect 9).
  const internal = useChannel(pusher, channels.consult(interactionId));
  useEvent<MessageDto>(internal, events.message, (m) => {
    apply([m]);
    if (m.thread === THREAD && m.kind === 'SYSTEM') onSystem?.();
  });
  useEvent(internal, 'pusher:subscription_succeeded', () => void catchUp());
  useEffect(() => {
    if (!pusher) return;
    const onState = ({ current }: { current: string }) => current === 'connected' && void catchUp();
    pusher.connection.bind('state_change', onState);
    return () => void pusher.connection.unbind('state_change', onState);
  }, [pusher, catchUp]);
  return { messages, apply };
}

/** The private side conversation beside the transcript (inviter) or in the consulted agent's console. */
export function ConsultationPanel(props: {
  interactionId: string;
  me: string;
  pusher: Pusher | null;
  /** Someone is consulted right now (writing allowed). */
  open: boolean;
  title: string;
  withNames?: string[];
  /** Hide the panel when no consultation ever happened on this chat. */
  hideWhenEmpty?: boolean;
  onChanged?: () => void;
  /** The colleague at the other end of a voice consultation. */
  voicePeer?: { id: string; name: string } | null;
}) {
  const tc = useTranslations('collaboration');
  const te = useTranslations('errors');
  const format = useFormatter();
  const { messages, apply } = useConsultationThread(props.pusher, props.interactionId, props.onChanged);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // Files on the consultation thread: internal like the thread, never shown to the contact.
  const files = useComposerFiles(useStaffAttach(props.interactionId));
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [messages.length]);

  if (props.hideWhenEmpty && !props.open && messages.length === 0) return null;

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    const attached = files.ready;
    if ((!body && attached.length === 0) || sending || files.busy) return;
    setSending(true);
    const clientId = `cons-${crypto.randomUUID()}`;
    try {
      const res = await fetch(`/api/interactions/${encodeURIComponent(props.interactionId)}/consultation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(props.pusher?.connection.socket_id ? { 'x-socket-id': props.pusher.connection.socket_id } : {}) },
        body: JSON.stringify({ clientId, text: body, ...(attached.length ? { attachmentIds: attached.map((a) => a.id) } : {}) }),
      });
      const json = (await res.json().catch(() => ({}))) as { message?: MessageDto; error?: { code: string } };
      if (res.ok && json.message) {
        apply([json.message]);
        setText('');
        files.clear();
        setError(null);
      } else setError(json.error ? te(json.error.code as 'internal') : tc('sendFailed'));
    } catch {
      setError(tc('sendFailed'));
    } finally {
      setSending(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  };
  const end = async () => {
    const r = unwrap(await endConsultationAction({ interactionId: props.interactionId }));
    setError(r.ok ? null : te(r.code as 'internal'));
    props.onChanged?.();
  };

  return (
    <section aria-label={props.title} className="flex w-80 shrink-0 flex-col border-l border-violet-200 bg-violet-50 text-sm">
      <header className="border-b border-violet-200 px-3 py-2">
        <h3 className="flex items-center gap-1 font-semibold">
          <Lock aria-hidden className="size-4" />
          {props.title}
        </h3>
        {props.withNames && props.withNames.length > 0 && <p className="text-xs text-slate-700">{tc('consultationWith', { names: props.withNames.join(', ') })}</p>}
        <p className="text-xs text-violet-900">{tc('consultationPrivate')}</p>
        {props.open && <VoiceCall interactionId={props.interactionId} me={props.me} pusher={props.pusher} peer={props.voicePeer ?? null} />}
      </header>
      <div ref={box} role="log" aria-label={tc('consultationLog')} aria-live="polite" tabIndex={0} className="flex min-h-24 flex-1 flex-col gap-2 overflow-y-auto p-3">
        {messages.map((m) =>
          m.kind === 'SYSTEM' ? (
            <p key={m.id} className="self-center text-xs italic text-slate-700">
              {tc(m.event === 'left' ? 'consultationLeft' : 'consultationJoined', { name: m.eventData?.name ?? '' })}
            </p>
          ) : (
            <div key={m.id} className={`max-w-[90%] rounded-lg px-2 py-1 ${m.senderUserId === props.me ? 'self-end bg-white' : 'self-start bg-violet-100'}`}>
              <p className="text-xs text-slate-600">
                <span className="font-semibold">{m.senderName}</span> <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), { hour: 'numeric', minute: '2-digit' })}</time>
              </p>
              {m.text && <p className="whitespace-pre-wrap break-words">{m.text}</p>}
              <MessageFiles message={m} source={staffFileSource} />
            </div>
          ),
        )}
      </div>
      {error && (
        <p role="alert" className="px-3 text-xs text-red-800">
          {error}
        </p>
      )}
      {props.open ? (
        <form onSubmit={(e) => void send(e)} className="flex flex-col gap-2 border-t border-violet-200 p-2">
          <textarea
            aria-label={tc('consultationInput')}
            value={text}
            maxLength={2000}
            rows={2}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            className="w-full resize-none rounded border border-slate-300 bg-white px-2 py-1"
          />
          <FilePicker files={files} />
          <div className="flex flex-wrap gap-2">
            <AttachInput files={files} disabled={sending} />
            <Button type="submit" variant="primary" disabled={sending || files.busy || (!text.trim() && files.ready.length === 0)}>
              {tc('consultationSend')}
            </Button>
            <Button className="ml-auto inline-flex items-center gap-1" onClick={() => void end()}>
              <PhoneOff aria-hidden className="size-4" />
              {tc('endConsultation')}
            </Button>
          </div>
        </form>
      ) : (
        <p className="border-t border-violet-200 px-3 py-2 text-xs text-slate-700">{tc('consultationEnded')}</p>
      )}
    </section>
  );
}
