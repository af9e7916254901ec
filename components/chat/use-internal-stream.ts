'use client';

import { useCallback, useMemo } from 'react';
import type Pusher from 'pusher-js';
import { channels, type InternalThread, type MessageDto } from '@/lib/realtime/channels';
import { internalApi } from './internal-api';
import { useOutbox } from './use-outbox';
import { useChannel } from './use-realtime';
import { useTranscript } from './use-transcript';

/**
 * A chat's internal stream (staff only): its own seq, its own channel (private-internal-{id}),
 * caught up from the store after a gap or a reconnect exactly like the contact-visible stream.
 * One call per chat view; consumers pick their side conversation with `thread(…)` (coaching is
 * shown in the transcript, consultation in its own panel) and send on it with `outbox(thread)`.
 */
export function useInternalStream(pusher: Pusher | null, interactionId: string) {
  const channel = useChannel(pusher, channels.internal(interactionId));
  const fetchAfter = useCallback((seq: number) => internalApi.after(interactionId, seq), [interactionId]);
  const stream = useTranscript({ pusher, channel, fetchAfter });
  const { messages, apply } = stream;
  const thread = useCallback((name: InternalThread) => messages.filter((m) => m.thread === name), [messages]);
  return useMemo(() => ({ channel, messages, thread, apply, catchUp: stream.catchUp }), [channel, messages, thread, apply, stream.catchUp]);
}
export type InternalStream = ReturnType<typeof useInternalStream>;

/** Sending on one thread of the internal stream, with the same outbox guarantees as the main composer. */
export function useInternalOutbox(pusher: Pusher | null, interactionId: string, thread: InternalThread, stream: InternalStream, storagePrefix: string) {
  const send = useCallback(
    (item: { clientId: string; text: string; attachments?: { id: string }[] }) =>
      internalApi.send(interactionId, thread, item.clientId, item.text, pusher?.connection.socket_id, item.attachments?.map((a) => a.id)),
    [interactionId, thread, pusher],
  );
  const outbox = useOutbox({ storageKey: `${storagePrefix}:${thread}:${interactionId}`, send, onStored: (m) => stream.apply([m]) });
  return outbox;
}

/** Both streams in one reading order (by time; the contact-visible one first on a tie). */
export function mergeStreams(main: readonly MessageDto[], internal: readonly MessageDto[]): MessageDto[] {
  if (internal.length === 0) return main as MessageDto[];
  const out: MessageDto[] = [];
  let i = 0;
  let j = 0;
  while (i < main.length || j < internal.length) {
    if (j >= internal.length || (i < main.length && main[i]!.createdAt <= internal[j]!.createdAt)) out.push(main[i++]!);
    else out.push(internal[j++]!);
  }
  return out;
}
