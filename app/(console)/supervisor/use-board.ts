'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Channel } from 'pusher-js';
import type Pusher from 'pusher-js';
import { events } from '@/lib/realtime/channels';
import type { BoardDelta, BoardSnapshot, BoardSort } from '@/lib/supervisor/board';
import { LiveBoard } from '@/lib/supervisor/live-board';
import type { SupervisorSession } from '@/lib/supervisor/supervision';

export interface BoardRead extends BoardSnapshot {
  me: { sessions: SupervisorSession[]; monitorNext: string[] };
}

/** Board operations applied per slice before the page yields to the browser. */
const SLICE = 64;

/** A macrotask that runs before timers and lets the browser paint and handle input first. */
function nextTick(fn: () => void): void {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    ch.port1.close();
    fn();
  };
  ch.port2.postMessage(null);
}

/**
 * The live board: deltas from the supervisors' channel queued and applied by version in slices
 * (each followed by a yield, so a burst of a thousand rows is never one long task), and a
 * catch-up read from the store whenever the connection (re)opens — never a refetch per event.
 * The page re-renders once per slice, not once per delta.
 */
export function useBoard(opts: { pusher: Pusher | null; channel: Channel | null; initial: BoardSnapshot; sort: BoardSort; onRead?: (r: BoardRead) => void }) {
  const [board] = useState(() => new LiveBoard(opts.sort, opts.initial));
  const listeners = useRef(new Set<() => void>());
  const notify = useCallback(() => {
    for (const l of listeners.current) l();
  }, []);
  const subscribe = useCallback((l: () => void) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  const version = useSyncExternalStore(
    subscribe,
    () => board.version,
    () => board.version,
  );

  const draining = useRef(false);
  const drain = useCallback(() => {
    if (draining.current) return;
    draining.current = true;
    const slice = () => {
      const before = board.version;
      const left = board.drain(SLICE);
      if (board.version !== before) notify();
      if (left > 0) nextTick(slice);
      else draining.current = false;
    };
    nextTick(slice);
  }, [board, notify]);

  useEffect(() => {
    board.setSort(opts.sort);
    notify();
  }, [board, opts.sort, notify]);

  const onRead = useRef(opts.onRead);
  useEffect(() => {
    onRead.current = opts.onRead;
  });
  const reading = useRef(false);

  const catchUp = useCallback(async () => {
    if (reading.current) return;
    reading.current = true;
    try {
      const res = await fetch('/api/supervisor/board', { cache: 'no-store' });
      if (res.status === 401) return window.location.assign('/login');
      if (!res.ok) return;
      const read = (await res.json()) as BoardRead;
      board.snapshot(read);
      notify();
      onRead.current?.(read);
    } catch {
      // offline: the next reconnect reads again
    } finally {
      reading.current = false;
    }
  }, [board, notify]);

  const { channel, pusher } = opts;
  useEffect(() => {
    if (!channel) return;
    const onDelta = (delta: BoardDelta) => {
      board.enqueue(delta);
      drain();
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
  }, [board, channel, catchUp, drain]);

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

  return { board, version, catchUp };
}
