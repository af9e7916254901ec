/** Back-off for failed sends (issue 18): 30 s, 1 min, 2 min … capped at 30 min; give up after 8 tries. */
export const MAX_ATTEMPTS = 8;

export function nextAttemptDelayMs(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts counts sends already tried (≥ 1)');
  if (attempts >= MAX_ATTEMPTS) return null;
  return Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);
}
