import 'server-only';
import { getLifecycleSettings } from '@/lib/lifecycle/settings';
import { maskSensitive } from './card-mask';

/**
 * The one place a message's text is masked before it is stored (every append, single or group
 * commit, contact stream or internal lines, goes through appendMessage, which calls this first):
 * what is stored is also what is broadcast, returned to the sender and indexed.
 */
export async function maskForStorage<T extends { text?: string }>(input: T): Promise<T> {
  if (!input.text) return input;
  const s = await getLifecycleSettings();
  const text = maskSensitive(input.text, { maskCards: s.maskCards, extraPatterns: s.extraPatterns });
  return text === input.text ? input : { ...input, text };
}
