'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Channel } from 'pusher-js';
import type Pusher from 'pusher-js';
import { events } from '@/lib/realtime/channels';
import { applyDelta, applySnapshot, emptyBoard, type BoardDelta, type BoardSnapshot, type BoardState } from '@/lib/supervisor/board';
import type { SupervisorSession } from '@/lib/supervisor/supervision';

export interface BoardRead extends BoardSnapshot {
  me: { sessions: SupervisorSession[]; monitorNext: string[] };
}

type Action = { type: 'delta'; delta: BoardDelta } | { type: 'snapshot'; snapshot: BoardSnapshot };

function reduce(state: BoardState, a: Action): BoardState {
  return a.type === 'delta' ? applyDelta(state, a.delta) : applySnapshot(state, a.snapshot);
}

/**
 * The live board: deltas from the supervisors' channel applied by version (stale ones dropped),
 * and a catch-up read from the store whenever the connection (re)opens — never a refetch per event.
 */
export function useBoard(opts: { pusher: Pusher | null; channel: Channel | null; initial: BoardSnapshot; onRead?: (r: BoardRead) => void }) {
  const [state, dispatch] = useReducer(reduce, opts.initial, (s) => applySnapshot(emptyBoard(), s));
  const onRead = useRef(opts.onRead);
  onRead.current = opts.onRead;
  const reading = useRef(false);

  const catchUp = useCallback(async () => {
    if (reading.current) return;
    reading.current = true;
    try {
      const res = await fetch('/api/supervisor/board', { cache: 'no-store' });
      if (res.status === 401) return window.location.assign('/login');
      if (!res.ok) return;
      const read = (await res.json()) as BoardRead;
      dispatch({ type: 'snapshot', snapshot: read });
      onRead.current?.(read);
    } catch {
      // offline: the next reconnect reads again
    } finally {
      reading.current = false;
    }
  }, []);

  const { channel, pusher } = opts;
  useEffect(() => {
    if (!channel) return;
    const onDelta = (delta: BoardDelta) => {
      dispatch({ type: 'delta', delta });
      // Measurement hook for `npm run bench -- --supervisors N` (bench/supervisor-boards.ts); absent otherwise.
      (window as { __boardDelta?: (d: BoardDelta) => void }).__boardDelta?.(delta);
    };
    channel.bind(events.board, onDelta);
    // Whatever changed between the page's render and this subscription.
    const onSubscribed = () => void catchUp();
    channel.bind('pusher:subscription_succeeded', onSubscribed);
    if (channel.subscribed) void catchUp();
    return () => {
      channel.unbind(events.board, onDelta);
      channel.unbind('pusher:subscription_succeeded', onSubscribed);
    };
  }, [channel, catchUp]);

  useEffect(() => {
    if (!pusher) return;
    let wasDown = false;
    const onState = ({ current }: { current: string }) => {
      if (current !== 'connected') wasDown = true;
      else if (wasDown) {
        wasDown = false;
        void catchUp();
      }
    };
    pusher.connection.bind('state_change', onState);
    return () => {
      pusher.connection.unbind('state_change', onState);
    };
  }, [pusher, catchUp]);

  return { state, catchUp };
}
