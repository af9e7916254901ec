'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentRef, MessageDto } from '@/lib/realtime/channels';
import { readStored, storedShapes } from '@/lib/client/stored';

export interface Outgoing {
  clientId: string;
  text: string;
  status: 'sending' | 'failed';
  /** Refused for good (chat ended, invalid): not retried by itself, only by the Retry button. */
  permanent?: boolean;
  error?: string;
  createdAt: string;
  /** Files already uploaded (attachments stream), sent with the message under the same client id. */
  attachments?: AttachmentRef[];
}

export type SendResult = { ok: true; message: MessageDto } | { ok: false; retryable: boolean; error: string };

function newClientId() {
  return crypto.randomUUID().replace(/-/g, '');
}

/**
 * Messages typed but not yet stored. Each keeps its client id for life, so however often it is
 * retried (after a failure, a reconnect or a page reload) the server stores it once. Kept in
 * localStorage so a reload loses nothing typed.
 */
export function useOutbox(opts: { storageKey: string; send: (item: Outgoing) => Promise<SendResult>; onStored: (m: MessageDto) => void }) {
  const { storageKey } = opts;
  const [items, setItems] = useState<Outgoing[]>([]);
  const itemsRef = useRef(items);
  const sendRef = useRef(opts.send);
  sendRef.current = opts.send;
  const storedRef = useRef(opts.onStored);
  storedRef.current = opts.onStored;
  const inFlight = useRef(new Set<string>());

  const save = useCallback(
    (next: Outgoing[]) => {
      itemsRef.current = next;
      setItems(next);
      try {
        if (next.length) localStorage.setItem(storageKey, JSON.stringify(next));
        else localStorage.removeItem(storageKey);
      } catch {
        // storage full or disabled: the in-memory outbox still works
      }
    },
    [storageKey],
  );

  const attempt = useCallback(
    async (clientId: string) => {
      const item = itemsRef.current.find((i) => i.clientId === clientId);
      if (!item || inFlight.current.has(clientId)) return;
      inFlight.current.add(clientId);
      save(itemsRef.current.map((i) => (i.clientId === clientId ? { ...i, status: 'sending' } : i)));
      let result: SendResult;
      try {
        result = await sendRef.current(item);
      } catch (e) {
        result = { ok: false, retryable: true, error: String(e) };
      }
      inFlight.current.delete(clientId);
      if (result.ok) {
        storedRef.current(result.message);
        save(itemsRef.current.filter((i) => i.clientId !== clientId));
      } else {
        save(itemsRef.current.map((i) => (i.clientId === clientId ? { ...i, status: 'failed', permanent: !result.retryable, error: result.error } : i)));
      }
    },
    [save],
  );

  // Resume what a previous page load left unsent.
  useEffect(() => {
    const restored: Outgoing[] = readStored((k) => localStorage.getItem(k), storageKey, storedShapes.outbox, []);
    if (restored.length === 0) return;
    save(restored.map((i) => ({ ...i, status: 'sending' })));
    for (const i of restored) void attempt(i.clientId);
  }, [storageKey, save, attempt]);

  const enqueue = useCallback(
    (text: string, attachments?: AttachmentRef[]) => {
      const item: Outgoing = { clientId: newClientId(), text, status: 'sending', createdAt: new Date().toISOString(), ...(attachments?.length ? { attachments } : {}) };
      save([...itemsRef.current, item]);
      void attempt(item.clientId);
      return item.clientId;
    },
    [save, attempt],
  );

  /** Retry everything retryable that failed (on reconnect, on a timer) or one item (its Retry button). */
  const retry = useCallback(
    (clientId?: string) => {
      for (const i of itemsRef.current) {
        if (i.status !== 'failed') continue;
        if (clientId ? i.clientId === clientId : !i.permanent) void attempt(i.clientId);
      }
    },
    [attempt],
  );

  // While the server is unreachable or shedding load (503/429 with Retry-After), keep trying: the
  // same client id makes every try safe. Each try waits 2–6 s at random, so clients that failed
  // together do not all come back in the same instant.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(() => {
        retry();
        schedule();
      }, 2000 + Math.random() * 4000);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [retry]);

  /** A stored message came back over the channel before the send call answered. */
  const settle = useCallback(
    (clientIds: (string | null)[]) => {
      const done = new Set(clientIds.filter(Boolean));
      if (itemsRef.current.some((i) => done.has(i.clientId))) save(itemsRef.current.filter((i) => !done.has(i.clientId)));
    },
    [save],
  );

  return { items, enqueue, retry, settle };
}
