/**
 * Estimated wait (issue 18), pure. Input: the waits (queued → accepted, ms) of the queue's chats
 * accepted in the last hour, the contact's position (1 = next) and how many agents are Ready.
 * The median wait is what a typical contact waited; it is scaled by how many contacts are ahead
 * per Ready agent. Too little history gives "a few minutes" rather than a made-up number.
 */

export const MIN_SAMPLES = 5;
export const WINDOW_MS = 60 * 60 * 1000;

export type WaitEstimate = { kind: 'fewMinutes' } | { kind: 'minutes'; minutes: number };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function estimateWait(input: { recentWaitsMs: readonly number[]; position: number; readyAgents: number }): WaitEstimate {
  const waits = input.recentWaitsMs.filter((w) => Number.isFinite(w) && w >= 0);
  if (waits.length < MIN_SAMPLES || input.position < 1) return { kind: 'fewMinutes' };
  const perAgent = input.position / Math.max(1, input.readyAgents);
  const ms = median(waits) * Math.max(1, perAgent);
  return { kind: 'minutes', minutes: Math.max(1, Math.ceil(ms / 60_000)) };
}

/** Waits from accepted chats inside the window ending at `now`. */
export function recentWaits(history: readonly { queuedAt: Date; acceptedAt: Date }[], now: Date): number[] {
  const from = now.getTime() - WINDOW_MS;
  return history
    .filter((h) => h.acceptedAt.getTime() >= from && h.acceptedAt.getTime() <= now.getTime())
    .map((h) => h.acceptedAt.getTime() - h.queuedAt.getTime());
}
