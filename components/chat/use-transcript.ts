'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from 'pusher-js';
import type Pusher from 'pusher-js';
import { events, type MessageDto } from '@/lib/realtime/channels';
import { emptyTranscript, lastSeq, mergeMessages, type TranscriptState } from '@/lib/interactions/transcript-merge';

/**
 * A chat's transcript kept in seq order from the store and the live channel. It catches up from
 * the store after a seq gap and whenever the connection comes back, so nothing missed while
 * offline stays missing.
 */
const GAP_GRACE_MS = 300;

export function useTranscript(opts: {
  pusher: Pusher | null;
  channel: Channel | null;
  fetchAfter: (seq: number) => Promise<MessageDto[]>;
  initial?: MessageDto[];
}) {
  const { pusher, channel, fetchAfter } = opts;
  const [state, setState] = useState<TranscriptState>(() => mergeMessages(emptyTranscript(), opts.initial ?? []));
  const stateRef = useRef(state);
  stateRef.current = state;
  const fetching = useRef(false);
  const fetchRef = useRef(fetchAfter);
  fetchRef.current = fetchAfter;

  const catchUp = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    try {
      for (let round = 0; round < 20; round++) {
        const batch = await fetchRef.current(lastSeq(stateRef.current));
        if (batch.length === 0) break;
        const merged = mergeMessages(stateRef.current, batch);
        stateRef.current = { messages: merged.messages, held: merged.held };
        setState(stateRef.current);
        if (batch.length < 500 && merged.missingAfter === null) break;
      }
    } catch {
      // Offline or server down: the next reconnect or message tries again.
    } finally {
      fetching.current = false;
    }
  }, []);

  const gapTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const apply = useCallback(
    (incoming: MessageDto[]) => {
      const merged = mergeMessages(stateRef.current, incoming);
      stateRef.current = { messages: merged.messages, held: merged.held };
      setState(stateRef.current);
      // The missing seq is usually still in flight (the other side's broadcast, our own send's
      // answer): read the store only if the gap is still open a moment later.
      if (merged.missingAfter !== null && !gapTimer.current) {
        gapTimer.current = setTimeout(() => {
          gapTimer.current = undefined;
          if (stateRef.current.held.length > 0) void catchUp();
        }, GAP_GRACE_MS);
      }
    },
    [catchUp],
  );
  useEffect(() => () => clearTimeout(gapTimer.current), []);

  useEffect(() => {
    if (!channel) return;
    const onMessage = (m: MessageDto) => apply([m]);
    channel.bind(events.message, onMessage);
    // Whatever arrived between the page's load and this subscription.
    const onSubscribed = () => void catchUp();
    channel.bind('pusher:subscription_succeeded', onSubscribed);
    if (channel.subscribed) void catchUp();
    return () => {
      channel.unbind(events.message, onMessage);
      channel.unbind('pusher:subscription_succeeded', onSubscribed);
    };
  }, [channel, apply, catchUp]);

  useEffect(() => {
    if (!pusher) return;
    const onState = ({ current }: { current: string }) => {
      if (current === 'connected') void catchUp();
    };
    pusher.connection.bind('state_change', onState);
    return () => {
      pusher.connection.unbind('state_change', onState);
    };
  }, [pusher, catchUp]);

  return { messages: state.messages, apply, catchUp, lastSeq: lastSeq(state) };
}
