import { lastSeq, mergeMessages } from './transcript-merge';

/**
 * The rules that keep a client's transcript complete and in seq order — the ONE copy used by
 * the browser (components/chat/use-transcript.ts) and by the load bench (bench/worker.ts).
 *
 * A pure state machine: `step(state, event)` returns the next state and the effects to carry
 * out (read the store after a seq; start or cancel the one timer). `TranscriptSync` below
 * runs those effects with real timers and a fetch function; it has no React in it.
 *
 * Rules:
 * - Messages are applied in seq order; duplicates are dropped; a message beyond a gap is held.
 * - A gap waits GAP_GRACE_MS (the missing seq is usually still in flight: the other side's
 *   broadcast, our own send's answer) before the store is read.
 * - One read at a time. A catch-up asked for during a read (reconnect, subscription, gap) is
 *   not dropped: one more read follows the current one.
 * - A read that fills the gap but leaves messages held reads again at once; a read that brings
 *   nothing while messages are held (the store answered before the missing message was visible)
 *   retries after the grace, with backoff — never stops while something is held back.
 * - A full page reads the next page at once. A failed read retries with backoff (a few times;
 *   after that the next event, reconnect or message tries again).
 */

export const GAP_GRACE_MS = 300;
export const PAGE_SIZE = 500;
/** Longest wait between retries (empty reads while holding, failed reads). */
export const MAX_RETRY_MS = 5_000;
/** Failed reads in a row after which only a new event (message, reconnect) tries again. */
export const MAX_FAILED_READS = 6;

export interface Seqd {
  seq: number;
}

export interface SyncState<T extends Seqd> {
  /** Contiguous, ascending: what the user sees. */
  messages: T[];
  /** Beyond a gap, ascending: waiting for the missing seqs. */
  held: T[];
  /** A read of the store is in flight (after `fetchingAfter`). */
  fetching: boolean;
  fetchingAfter: number;
  /** A catch-up was asked for during the read: read once more when it ends. */
  again: boolean;
  /** The one scheduled wake-up: after a gap's grace, or a retry. */
  timer: 'gap' | 'retry' | null;
  /** Consecutive reads that brought nothing while messages were held. */
  emptyReads: number;
  /** Consecutive failed reads. */
  failures: number;
}

export type SyncEvent<T extends Seqd> =
  /** Messages from the live channel or a send's answer. */
  | { type: 'received'; messages: readonly T[] }
  /** Read the store: subscribed, reconnected, or the caller knows of newer seqs. */
  | { type: 'catchUp' }
  /** The scheduled timer fired. */
  | { type: 'timer' }
  | { type: 'fetched'; batch: readonly T[] }
  | { type: 'fetchFailed' };

export type SyncEffect = { type: 'fetch'; after: number } | { type: 'schedule'; delayMs: number } | { type: 'cancelTimer' };

export interface StepResult<T extends Seqd> {
  state: SyncState<T>;
  effects: SyncEffect[];
}

export function initialSyncState<T extends Seqd>(initial: readonly T[] = []): SyncState<T> {
  const { messages, held } = mergeMessages<T>({ messages: [], held: [] }, initial);
  return { messages, held, fetching: false, fetchingAfter: 0, again: false, timer: null, emptyReads: 0, failures: 0 };
}


const backoff = (n: number) => Math.min(GAP_GRACE_MS * 2 ** Math.max(0, n - 1), MAX_RETRY_MS);

function startFetch<T extends Seqd>(s: SyncState<T>, effects: SyncEffect[]): SyncState<T> {
  if (s.timer) effects.push({ type: 'cancelTimer' });
  const after = lastSeq(s);
  effects.push({ type: 'fetch', after });
  return { ...s, fetching: true, fetchingAfter: after, again: false, timer: null };
}

function schedule<T extends Seqd>(s: SyncState<T>, kind: 'gap' | 'retry', delayMs: number, effects: SyncEffect[]): SyncState<T> {
  effects.push({ type: 'schedule', delayMs });
  return { ...s, timer: kind };
}

export function step<T extends Seqd>(state: SyncState<T>, event: SyncEvent<T>): StepResult<T> {
  const effects: SyncEffect[] = [];
  let s = state;
  switch (event.type) {
    case 'received': {
      const merged = mergeMessages(s, event.messages);
      s = { ...s, messages: merged.messages, held: merged.held };
      // A gap: wait for the grace unless a read or a wake-up is already coming. (A read in
      // flight may have started before the missing message was stored: its end checks again.)
      if (s.held.length > 0 && !s.fetching && s.timer === null) s = schedule(s, 'gap', GAP_GRACE_MS, effects);
      if (s.held.length === 0 && s.timer === 'gap') {
        effects.push({ type: 'cancelTimer' });
        s = { ...s, timer: null, emptyReads: 0 };
      }
      break;
    }
    case 'catchUp':
      s = s.fetching ? { ...s, again: true } : startFetch({ ...s, failures: 0 }, effects);
      break;
    case 'timer': {
      const kind = s.timer;
      s = { ...s, timer: null };
      if (s.fetching) break;
      if (kind === 'retry' || s.held.length > 0) s = startFetch(s, effects);
      break;
    }
    case 'fetched': {
      const before = lastSeq(s);
      const merged = mergeMessages(s, event.batch);
      s = { ...s, messages: merged.messages, held: merged.held, fetching: false, failures: 0 };
      const progressed = lastSeq(s) > before;
      if (event.batch.length >= PAGE_SIZE && progressed) s = startFetch(s, effects); // next page
      else if (s.again) s = startFetch(s, effects);
      else if (s.held.length > 0) {
        if (progressed) s = startFetch({ ...s, emptyReads: 0 }, effects);
        else {
          // Nothing new although messages are held back: the missing one is not readable yet.
          const emptyReads = s.emptyReads + 1;
          s = schedule({ ...s, emptyReads }, 'retry', backoff(emptyReads), effects);
        }
      } else s = { ...s, emptyReads: 0 };
      break;
    }
    case 'fetchFailed': {
      const failures = s.failures + 1;
      s = { ...s, fetching: false, again: false, failures };
      if (failures <= MAX_FAILED_READS) s = schedule(s, 'retry', backoff(failures), effects);
      break;
    }
  }
  return { state: s, effects };
}

export interface TimerApi {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: TimerApi = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Runs the state machine: carries out its effects with `fetchAfter` and timers, and reports
 * every new state to `onChange`. `catchUp()` resolves when no read is in flight any more.
 */
export class TranscriptSync<T extends Seqd> {
  private s: SyncState<T>;
  private timer: unknown;
  private idleWaiters: (() => void)[] = [];
  private listeners = new Set<(state: SyncState<T>) => void>();
  private readonly timers: TimerApi;

  constructor(
    private readonly opts: {
      fetchAfter: (seq: number) => Promise<readonly T[]>;
      initial?: readonly T[];
      onChange?: (state: SyncState<T>) => void;
      timers?: TimerApi;
    },
  ) {
    this.s = initialSyncState(opts.initial);
    this.timers = opts.timers ?? realTimers;
    if (opts.onChange) this.listeners.add(opts.onChange);
  }

  get state(): SyncState<T> {
    return this.s;
  }
  get messages(): T[] {
    return this.s.messages;
  }
  get lastSeq(): number {
    return lastSeq(this.s);
  }

  /** Calls `listener` with every state whose transcript changed; returns the unsubscribe. */
  subscribe(listener: (state: SyncState<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  receive(messages: readonly T[]): void {
    this.dispatch({ type: 'received', messages });
  }

  catchUp(): Promise<void> {
    this.dispatch({ type: 'catchUp' });
    return this.whenIdle();
  }

  /** Resolves once no read is in flight. */
  whenIdle(): Promise<void> {
    if (!this.s.fetching) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels the pending wake-up (unmount); a later event or catch-up starts again. */
  stop(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.s = { ...this.s, timer: null };
  }

  private dispatch(event: SyncEvent<T>): void {
    const prev = this.s;
    const { state, effects } = step(this.s, event);
    this.s = state;
    for (const e of effects) {
      if (e.type === 'cancelTimer' || e.type === 'schedule') {
        if (this.timer !== undefined) this.timers.clear(this.timer);
        this.timer = undefined;
      }
      if (e.type === 'schedule') {
        this.timer = this.timers.set(() => {
          this.timer = undefined;
          this.dispatch({ type: 'timer' });
        }, e.delayMs);
      }
      if (e.type === 'fetch') {
        this.opts.fetchAfter(e.after).then(
          (batch) => this.dispatch({ type: 'fetched', batch }),
          () => this.dispatch({ type: 'fetchFailed' }),
        );
      }
    }
    if (state.messages !== prev.messages || state.held !== prev.held) for (const l of this.listeners) l(state);
    if (!state.fetching) for (const w of this.idleWaiters.splice(0)) w();
  }
}
