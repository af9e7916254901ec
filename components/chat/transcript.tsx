'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MessageDto } from '@/lib/realtime/channels';
import { MessageFiles, staffFileSource, type FileSource } from './attachments';
import type { Outgoing } from './use-outbox';

/**
 * Staff know their own messages by `senderUserId`, which only the staff API carries; a message
 * that came over the contact's channel (no internal ids there) is theirs if they sent its client id.
 */
export type Viewer = { kind: 'contact' } | { kind: 'staff'; userId: string; sentClientIds?: ReadonlySet<string> };

type Party = 'me' | 'contact' | 'system' | 'other';

function partyOf(m: MessageDto, viewer: Viewer): Party {
  if (m.kind === 'SYSTEM') return 'system';
  if (viewer.kind === 'contact') return m.senderType === 'CONTACT' ? 'me' : 'other';
  if (m.senderType === 'CONTACT') return 'contact';
  if (m.senderUserId) return m.senderUserId === viewer.userId ? 'me' : 'other';
  return m.clientId && viewer.sentClientIds?.has(m.clientId) ? 'me' : 'other';
}

/**
 * Other staff each get a tint, keyed by the name they write under: the same for a message read
 * from the staff API (which carries the sender's id) and one that came over the contact's channel
 * (which does not), so one person never shows in two colours.
 */
function tintKey(m: MessageDto): string {
  return m.senderName;
}

const partyStyle: Record<Party, string> = {
  me: 'bg-me self-end',
  contact: 'bg-contact self-start',
  other: 'bg-other self-start',
  system: 'bg-system self-center text-slate-700 italic',
};

// Other staff each get their own tint so a conference reads clearly.
const otherTints = ['bg-other', 'bg-emerald-50', 'bg-amber-50', 'bg-rose-50'];

/**
 * A2 / C2: every message and system event with its time, one colour per participant, selectable
 * text, a `log` region so screen readers announce arrivals. It follows new messages unless the
 * reader scrolled up; then a "new messages" control jumps down.
 */
export function Transcript(props: {
  messages: MessageDto[];
  pending?: Outgoing[];
  viewer: Viewer;
  onRetry?: (clientId: string) => void;
  className?: string;
  files?: FileSource;
  /** A message to bring into view and mark, with the words that say why (a search hit, issue 20). */
  highlight?: { id: string; label: string };
}) {
  const t = useTranslations('common');
  const format = useFormatter();
  const box = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const count = props.messages.length + (props.pending?.length ?? 0);
  const lastCount = useRef(count);

  const tintOf = new Map<string, string>();
  for (const m of props.messages) {
    if (m.kind === 'TEXT' && m.senderType === 'AGENT' && partyOf(m, props.viewer) === 'other' && !tintOf.has(tintKey(m))) {
      tintOf.set(tintKey(m), otherTints[tintOf.size % otherTints.length]!);
    }
  }

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const added = count - lastCount.current;
    lastCount.current = count;
    if (following) el.scrollTop = el.scrollHeight;
    else if (added > 0) setUnseen((n) => n + added);
  }, [count, following]);

  useEffect(() => {
    if (following) setUnseen(0);
  }, [following]);

  const highlightId = props.highlight?.id;
  useEffect(() => {
    if (!highlightId) return;
    const el = box.current?.querySelector(`[data-message-id="${CSS.escape(highlightId)}"]`);
    if (!el) return;
    setFollowing(false);
    el.scrollIntoView({ block: 'center' });
  }, [highlightId]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight < 40);
  };

  const time = (iso: string) => format.dateTime(new Date(iso), { hour: 'numeric', minute: '2-digit', second: '2-digit' });

  const systemText = (m: MessageDto) => {
    const d = m.eventData ?? {};
    switch (m.event) {
      case 'joined':
        return t('event.joined', { name: d.name ?? '' });
      case 'left':
        return t('event.left', { name: d.name ?? '' });
      case 'transferred':
        return t('event.transferred', { name: d.name ?? '' });
      case 'ended':
        return d.by === 'contact' ? t('event.endedByContact', { name: d.name ?? '' }) : t('event.endedByAgent', { name: d.name ?? '' });
      default:
        return t('event.other');
    }
  };

  return (
    <div className={`relative flex min-h-0 flex-1 flex-col ${props.className ?? ''}`}>
      <div
        ref={box}
        role="log"
        aria-label={t('transcript')}
        aria-live="polite"
        tabIndex={0}
        onScroll={onScroll}
        className="flex min-h-0 flex-1 select-text flex-col gap-2 overflow-y-auto p-3"
      >
        {props.messages.map((m) => {
          const party = partyOf(m, props.viewer);
          const tint = party === 'other' && m.senderType === 'AGENT' ? tintOf.get(tintKey(m)) : undefined;
          return (
            <div
              key={m.id}
              data-message-id={m.id}
              aria-current={m.id === highlightId ? 'true' : undefined}
              data-seq={m.seq}
              data-party={party}
              data-thread={m.thread ?? undefined}
              className={`max-w-[80%] rounded-lg px-3 py-1.5 text-sm ${partyStyle[party]} ${tint ?? ''} ${m.visibility === 'INTERNAL' ? 'border border-dashed border-violet-500 bg-violet-50' : ''} ${m.id === highlightId ? 'ring-4 ring-amber-500' : ''}`}
            >
              {m.kind === 'SYSTEM' ? (
                <p>
                  {systemText(m)} <time className="text-xs not-italic text-slate-700" dateTime={m.createdAt}>{time(m.createdAt)}</time>
                </p>
              ) : (
                <>
                  <p className="text-xs text-slate-600">
                    {m.id === highlightId && <span className="mr-1 rounded bg-amber-200 px-1 font-semibold text-amber-950">{props.highlight!.label}</span>}
                    {/* Staff see their own nickname, as the contact does (A5); the contact sees "You". */}
                    {/* Internal messages (coaching, consultation) say so: the contact never sees them. */}
                    {m.thread && <span className="mr-1 rounded bg-violet-700 px-1 font-semibold text-white">{t(`thread.${m.thread}`)}</span>}
                    <span className="font-semibold">{party === 'me' && props.viewer.kind === 'contact' ? t('you') : m.senderName}</span>{' '}
                    <time dateTime={m.createdAt}>{time(m.createdAt)}</time>
                    {party === 'me' && <span className="ml-1 text-slate-700">· {t('sent')}</span>}
                    {/* Internal lines (coaching, consultation) reach staff only; say so where they are shown. */}
                    {m.visibility === 'INTERNAL' && (
                      <span className="ml-1 rounded bg-amber-100 px-1 font-semibold text-amber-900">{t(m.thread === 'consultation' ? 'internal.consultation' : 'internal.coaching')}</span>
                    )}
                  </p>
                  {m.text && <p className="whitespace-pre-wrap break-words">{m.text}</p>}
                  <MessageFiles message={m} source={props.files ?? staffFileSource} />
                </>
              )}
            </div>
          );
        })}
        {props.pending?.map((p) => (
          <div key={p.clientId} data-party="me" data-pending={p.status} className={`max-w-[80%] rounded-lg border border-dashed border-blue-400 px-3 py-1.5 text-sm ${partyStyle.me}`}>
            <p className="text-xs text-slate-600">
              <span className="font-semibold">{t('you')}</span>{' '}
              <span className={p.status === 'failed' ? 'font-semibold text-red-700' : ''}>{p.status === 'failed' ? t('failed') : t('sending')}</span>
            </p>
            {p.text && <p className="whitespace-pre-wrap break-words">{p.text}</p>}
            {p.attachments?.map((a) => (
              <p key={a.id} className="text-xs">
                {a.name}
              </p>
            ))}
            {p.status === 'failed' && props.onRetry && (
              <button type="button" className="text-xs font-semibold text-blue-800 underline" onClick={() => props.onRetry?.(p.clientId)}>
                {t('retry')}
              </button>
            )}
          </div>
        ))}
      </div>
      {!following && unseen > 0 && (
        <button
          type="button"
          className="absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full bg-brand px-3 py-1 text-xs font-semibold text-white shadow"
          onClick={() => {
            const el = box.current;
            if (el) el.scrollTop = el.scrollHeight;
            setFollowing(true);
          }}
        >
          {t('newMessages', { count: unseen })}
        </button>
      )}
    </div>
  );
}
