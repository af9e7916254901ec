/** The list with `id` moved one place up or down (unchanged at either end or when absent). */
export function moveInOrder(ids: readonly string[], id: string, direction: 'up' | 'down'): string[] {
  const out = [...ids];
  const i = out.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
