'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from 'pusher-js';
import type Pusher from 'pusher-js';
import { events, type MessageDto } from '@/lib/realtime/channels';
import { lastSeq } from '@/lib/interactions/client/transcript-merge';
import { TranscriptSync } from '@/lib/interactions/client/transcript-sync';

/**
 * A chat's transcript kept in seq order from the store and the live channel. The ordering,
 * gap and catch-up rules live in lib/interactions/client/transcript-sync.ts (shared with the bench);
 * this hook only wires them to the channel, the connection and React state.
 */
export function useTranscript(opts: {
  pusher: Pusher | null;
  channel: Channel | null;
  fetchAfter: (seq: number) => Promise<MessageDto[]>;
  initial?: MessageDto[];
}) {
  const { pusher, channel } = opts;
  const fetchRef = useRef(opts.fetchAfter);
  fetchRef.current = opts.fetchAfter;
  const [sync] = useState(
    () => new TranscriptSync<MessageDto>({ fetchAfter: (seq) => fetchRef.current(seq), initial: opts.initial ?? [] }),
  );
  const [messages, setMessages] = useState<MessageDto[]>(() => sync.messages);

  useEffect(() => {
    // Subscribe to the machine's changes; state set before this effect ran is picked up here.
    const unsubscribe = sync.subscribe((s) => setMessages(s.messages));
    setMessages(sync.messages);
    return () => {
      unsubscribe();
      sync.stop();
    };
  }, [sync]);

  const apply = useCallback((incoming: MessageDto[]) => sync.receive(incoming), [sync]);
  const catchUp = useCallback(() => sync.catchUp(), [sync]);

  useEffect(() => {
    if (!channel) return;
    const onMessage = (m: MessageDto) => sync.receive([m]);
    channel.bind(events.message, onMessage);
    // Whatever arrived between the page's load and this subscription.
    const onSubscribed = () => void sync.catchUp();
    channel.bind('pusher:subscription_succeeded', onSubscribed);
    if (channel.subscribed) void sync.catchUp();
    return () => {
      channel.unbind(events.message, onMessage);
      channel.unbind('pusher:subscription_succeeded', onSubscribed);
    };
  }, [channel, sync]);

  useEffect(() => {
    if (!pusher) return;
    const onState = ({ current }: { current: string }) => {
      if (current === 'connected') void sync.catchUp();
    };
    pusher.connection.bind('state_change', onState);
    return () => {
      pusher.connection.unbind('state_change', onState);
    };
  }, [pusher, sync]);

  return { messages, apply, catchUp, lastSeq: lastSeq({ messages }) };
}
