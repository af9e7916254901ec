'use client';

import { useEffect, useState } from 'react';
import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import { connectRealtime, type RealtimeConfig } from '@/lib/realtime/client';
import type { EventName, EventPayload } from '@/lib/realtime/channels';

/** One connection per page, with its state (for the "reconnecting" notice). */
export function useRealtime(config: RealtimeConfig, authParams?: Record<string, string> | null, opts: { staff?: boolean } = {}) {
  const [pusher, setPusher] = useState<Pusher | null>(null);
  const [state, setState] = useState('connecting');
  const paramsKey = authParams === null ? null : JSON.stringify(authParams ?? {});
  useEffect(() => {
    if (paramsKey === null) return;
    const p = connectRealtime(config, JSON.parse(paramsKey) as Record<string, string>, opts);
    const onState = ({ current }: { current: string }) => setState(current);
    p.connection.bind('state_change', onState);
    setPusher(p);
    return () => {
      p.connection.unbind('state_change', onState);
      p.disconnect();
      setPusher(null);
    };
    // config and opts are static for the page's life
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paramsKey]);
  return { pusher, state };
}

export function useChannel(pusher: Pusher | null, name: string | null): Channel | null {
  const [channel, setChannel] = useState<Channel | null>(null);
  useEffect(() => {
    if (!pusher || !name) return;
    const c = pusher.subscribe(name);
    setChannel(c);
    return () => {
      pusher.unsubscribe(name);
      setChannel(null);
    };
  }, [pusher, name]);
  return channel;
}

/**
 * Binds one event for the component's life; the handler may change without rebinding. The
 * payload type follows from the event name (`events` in lib/realtime/channels.ts).
 */
export function useEvent<E extends EventName>(channel: Channel | null, event: E, handler: (data: EventPayload<E>) => void): void;
/** @deprecated Pass a name from `events`: its payload type is then inferred. */
export function useEvent<T>(channel: Channel | null, event: string, handler: (data: T) => void): void;
export function useEvent(channel: Channel | null, event: string, handler: (data: unknown) => void) {
  const [ref] = useState(() => ({ current: handler }));
  ref.current = handler;
  useEffect(() => {
    if (!channel) return;
    const fn = (d: unknown) => ref.current(d);
    channel.bind(event, fn);
    return () => {
      channel.unbind(event, fn);
    };
  }, [channel, event, ref]);
}
