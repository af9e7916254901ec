// Issue 18: the estimated wait updates live on every accept in the queue. An accepted chat leaves
// the queue (everyone behind it moves up) and adds a sample to the queue's recent waits (the
// median moves), so every contact still waiting in THAT queue gets a fresh position notice on the
// existing `interaction` event; their page reads its estimate again on each notice. Pure.
import type { InteractionEvent } from '@/lib/realtime/channels';

export interface WaitingChat {
  id: string;
  queueId: string;
  createdAt: Date;
  lastSeq: number;
}

/** Notices for the chats still waiting in `queueId`, each with its place (1 = next), oldest first. */
export function noticesAfterAccept(queueId: string, waiting: readonly WaitingChat[]): InteractionEvent[] {
  return waiting
    .filter((c) => c.queueId === queueId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c, i) => ({ interactionId: c.id, status: 'QUEUED', lastSeq: c.lastSeq, queuePosition: i + 1 }));
}

/**
 * The contact page's rule: read the estimate again on every queue notice while waiting (a new
 * position, or the same position after an accept changed the queue's history), never after.
 */
export function nextWaitTick(tick: number, e: Pick<InteractionEvent, 'status' | 'queuePosition'>): number {
  return (e.status === 'QUEUED' || e.status === 'OFFERED') && e.queuePosition !== null ? tick + 1 : tick;
}

/**
 * A queue notice read before the chat moved on (it was accepted meanwhile: the accept's "joined"
 * line raised lastSeq) must not put an answered chat back in the queue. Status changes that add no
 * line (an offer turned down) keep lastSeq, so they still apply.
 */
export function isStaleQueueNotice(e: Pick<InteractionEvent, 'status' | 'lastSeq'>, knownLastSeq: number): boolean {
  return (e.status === 'QUEUED' || e.status === 'OFFERED') && e.lastSeq < knownLastSeq;
}
