import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  GAP_GRACE_MS,
  MAX_FAILED_READS,
  PAGE_SIZE,
  TranscriptSync,
  initialSyncState,
  step,
  type SyncEffect,
  type SyncEvent,
  type SyncState,
} from './transcript-sync';

interface M {
  seq: number;
  text: string;
}
const m = (seq: number): M => ({ seq, text: `t${seq}` });
const ms = (...seqs: number[]) => seqs.map(m);
const seqs = (s: { messages: M[] }) => s.messages.map((x) => x.seq);

/** Runs events through the pure reducer, collecting every effect. */
function run(state: SyncState<M>, ...events: SyncEvent<M>[]): { state: SyncState<M>; effects: SyncEffect[] } {
  const effects: SyncEffect[] = [];
  for (const e of events) {
    const r = step(state, e);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

describe('transcript sync rules (pure)', () => {
  it('applies in order with no effect', () => {
    const r = run(initialSyncState<M>(), { type: 'received', messages: ms(1) }, { type: 'received', messages: ms(2) });
    expect(seqs(r.state)).toEqual([1, 2]);
    expect(r.effects).toEqual([]);
  });

  it('drops duplicates', () => {
    const r = run(initialSyncState(ms(1, 2)), { type: 'received', messages: ms(2) }, { type: 'received', messages: ms(1, 2) });
    expect(seqs(r.state)).toEqual([1, 2]);
    expect(r.state.held).toEqual([]);
    expect(r.effects).toEqual([]);
  });

  it('out of order within the grace: holds, then releases without reading the store', () => {
    let r = run(initialSyncState(ms(1)), { type: 'received', messages: ms(3) });
    expect(seqs(r.state)).toEqual([1]);
    expect(r.state.held.map((x) => x.seq)).toEqual([3]);
    expect(r.effects).toEqual([{ type: 'schedule', delayMs: GAP_GRACE_MS }]);
    r = run(r.state, { type: 'received', messages: ms(2) });
    expect(seqs(r.state)).toEqual([1, 2, 3]);
    expect(r.effects).toEqual([{ type: 'cancelTimer' }]);
    expect(r.state.timer).toBeNull();
  });

  it('gap: reads the store after the grace, from the last contiguous seq', () => {
    let r = run(initialSyncState(ms(1)), { type: 'received', messages: ms(4) });
    r = run(r.state, { type: 'received', messages: ms(5) }); // no second timer
    expect(r.effects).toEqual([]);
    r = run(r.state, { type: 'timer' });
    expect(r.effects).toEqual([{ type: 'fetch', after: 1 }]);
    r = run(r.state, { type: 'fetched', batch: ms(2, 3, 4, 5) });
    expect(seqs(r.state)).toEqual([1, 2, 3, 4, 5]);
    expect(r.state.fetching).toBe(false);
    expect(r.effects).toEqual([]);
  });

  it('concurrent catch-ups: one asked for during a read is not dropped, it reads again after', () => {
    let r = run(initialSyncState(ms(1)), { type: 'catchUp' });
    expect(r.effects).toEqual([{ type: 'fetch', after: 1 }]);
    r = run(r.state, { type: 'catchUp' }); // e.g. reconnect while the subscription's read runs
    expect(r.effects).toEqual([]); // never two reads at once
    expect(r.state.again).toBe(true);
    r = run(r.state, { type: 'fetched', batch: ms(2) });
    expect(r.effects).toEqual([{ type: 'fetch', after: 2 }]);
    r = run(r.state, { type: 'fetched', batch: ms(3) });
    expect(seqs(r.state)).toEqual([1, 2, 3]);
    expect(r.effects).toEqual([]);
    expect(r.state.fetching).toBe(false);
  });

  it('empty batch while holding: does not stop, retries after the grace with backoff', () => {
    // A read starts (reconnect), seq 3 arrives live during it, the read answers with nothing.
    let r = run(initialSyncState(ms(1)), { type: 'catchUp' }, { type: 'received', messages: ms(3) });
    expect(r.effects).toEqual([{ type: 'fetch', after: 1 }]);
    r = run(r.state, { type: 'fetched', batch: [] });
    expect(r.effects).toEqual([{ type: 'schedule', delayMs: GAP_GRACE_MS }]);
    r = run(r.state, { type: 'timer' });
    expect(r.effects).toEqual([{ type: 'fetch', after: 1 }]);
    r = run(r.state, { type: 'fetched', batch: [] });
    expect(r.effects).toEqual([{ type: 'schedule', delayMs: GAP_GRACE_MS * 2 }]);
    r = run(r.state, { type: 'timer' }, { type: 'fetched', batch: ms(2) });
    expect(seqs(r.state)).toEqual([1, 2, 3]);
    expect(r.state.held).toEqual([]);
    expect(r.state.emptyReads).toBe(0);
  });

  it('a read that fills part of the gap reads again at once', () => {
    let r = run(initialSyncState(ms(1)), { type: 'received', messages: ms(5) }, { type: 'timer' });
    r = run(r.state, { type: 'fetched', batch: ms(2, 3) });
    expect(r.effects).toEqual([{ type: 'fetch', after: 3 }]);
    r = run(r.state, { type: 'fetched', batch: ms(4, 5) });
    expect(seqs(r.state)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reconnect: reads everything missed, page after page', () => {
    const page = Array.from({ length: PAGE_SIZE }, (_, i) => m(i + 2));
    let r = run(initialSyncState(ms(1)), { type: 'catchUp' }, { type: 'fetched', batch: page });
    expect(r.effects.at(-1)).toEqual({ type: 'fetch', after: PAGE_SIZE + 1 });
    r = run(r.state, { type: 'fetched', batch: ms(PAGE_SIZE + 2) });
    expect(r.state.messages).toHaveLength(PAGE_SIZE + 2);
    expect(r.effects).toEqual([]);
  });

  it('a catch-up while a gap timer waits reads now and cancels the timer', () => {
    const r = run(initialSyncState(ms(1)), { type: 'received', messages: ms(3) }, { type: 'catchUp' });
    expect(r.effects).toEqual([{ type: 'schedule', delayMs: GAP_GRACE_MS }, { type: 'cancelTimer' }, { type: 'fetch', after: 1 }]);
    expect(r.state.timer).toBeNull();
  });

  it('a failed read retries with backoff, a few times', () => {
    let r = run(initialSyncState(ms(1)), { type: 'catchUp' }, { type: 'fetchFailed' });
    expect(r.effects.at(-1)).toEqual({ type: 'schedule', delayMs: GAP_GRACE_MS });
    for (let i = 1; i < MAX_FAILED_READS; i++) r = run(r.state, { type: 'timer' }, { type: 'fetchFailed' });
    r = run(r.state, { type: 'timer' }, { type: 'fetchFailed' });
    expect(r.effects).toEqual([{ type: 'fetch', after: 1 }]); // no more scheduling
    r = run(r.state, { type: 'catchUp' }); // the next reconnect tries again
    expect(r.effects).toEqual([{ type: 'fetch', after: 1 }]);
  });
});

describe('TranscriptSync (driver, fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A store whose reads the test answers by hand. */
  function store() {
    const reads: { after: number; resolve: (b: M[]) => void; reject: (e: Error) => void }[] = [];
    const fetchAfter = (after: number) =>
      new Promise<M[]>((resolve, reject) => reads.push({ after, resolve, reject }));
    return { reads, fetchAfter };
  }

  it('concurrent catch-ups both land; the last message is never left hidden', async () => {
    const st = store();
    const sync = new TranscriptSync<M>({ fetchAfter: st.fetchAfter, initial: ms(1) });
    const first = sync.catchUp(); // subscription
    const second = sync.catchUp(); // reconnect at the same moment
    expect(st.reads).toHaveLength(1);
    st.reads[0].resolve([]); // answered before seq 2 was stored
    await vi.advanceTimersByTimeAsync(0);
    expect(st.reads).toHaveLength(2);
    expect(st.reads[1].after).toBe(1);
    st.reads[1].resolve(ms(2));
    await Promise.all([first, second]);
    expect(seqs(sync)).toEqual([1, 2]);
  });

  it('empty batch while holding: the held message appears without any further event', async () => {
    const st = store();
    const sync = new TranscriptSync<M>({ fetchAfter: st.fetchAfter, initial: ms(1) });
    sync.receive(ms(3));
    expect(seqs(sync)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS - 1);
    expect(st.reads).toHaveLength(0); // the grace
    await vi.advanceTimersByTimeAsync(1);
    expect(st.reads).toHaveLength(1);
    st.reads[0].resolve([]);
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(st.reads).toHaveLength(2);
    st.reads[1].resolve(ms(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(seqs(sync)).toEqual([1, 2, 3]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports changes; stop() cancels the wake-up and a later event starts again', async () => {
    const st = store();
    const seen: number[][] = [];
    const sync = new TranscriptSync<M>({ fetchAfter: st.fetchAfter, onChange: (s) => seen.push(s.messages.map((x) => x.seq)) });
    sync.receive(ms(1, 2));
    sync.receive(ms(5));
    sync.stop();
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS * 2);
    expect(st.reads).toHaveLength(0);
    expect(seen).toEqual([[1, 2], [1, 2]]);
    sync.receive(ms(6)); // e.g. remounted (React strict mode): the gap is chased again
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(st.reads.map((r) => r.after)).toEqual([2]);
  });
});
