import type { MessageDto } from '@/lib/realtime/channels';

/**
 * Applies messages to a transcript in seq order: duplicates are dropped, and a message that
 * arrives after a gap is held until the gap is fetched from the store. `missingAfter` is the seq
 * after which the client must catch up (null when nothing is missing).
 */
export interface TranscriptState<T extends { seq: number } = MessageDto> {
  messages: T[]; // contiguous 1…n (or from the first loaded seq), ascending
  held: T[]; // beyond a gap, ascending
}

export function emptyTranscript<T extends { seq: number } = MessageDto>(): TranscriptState<T> {
  return { messages: [], held: [] };
}

export function lastSeq(s: { messages: readonly { seq: number }[] }): number {
  return s.messages.at(-1)?.seq ?? 0;
}

export function mergeMessages<T extends { seq: number }>(
  state: TranscriptState<T>,
  incoming: readonly T[],
): TranscriptState<T> & { missingAfter: number | null } {
  const known = new Set(state.messages.map((m) => m.seq));
  const pool = new Map<number, T>();
  for (const m of [...state.held, ...incoming]) if (!known.has(m.seq)) pool.set(m.seq, m);
  const messages = state.messages.slice();
  let next = lastSeq(state) + 1;
  while (pool.has(next)) {
    messages.push(pool.get(next)!);
    pool.delete(next);
    next++;
  }
  const held = [...pool.values()].filter((m) => m.seq > next - 1).sort((a, b) => a.seq - b.seq);
  return { messages, held, missingAfter: held.length ? next - 1 : null };
}
