import 'server-only';
import { contactQueue, queueAvailability } from './hours-store';

/**
 * Issue 18: the queue a contact page (/chat, the widget's /widget) starts chats in (`?queue=<name>`, else the default) and whether it
 * is offline now; then the page shows the offline form instead of the start form.
 */
export async function contactOfflineState(param: string | string[] | undefined): Promise<{ queue?: string; queueId?: string; reason: 'closed' | 'noAgent' | null }> {
  const name = typeof param === 'string' && /^[^\u0000-\u001f\u007f]{1,100}$/.test(param) ? param : undefined;
  const queue = await contactQueue(name);
  if (!queue) return { reason: null };
  const a = await queueAvailability(queue.id);
  return { queue: name, queueId: queue.id, reason: a === 'open' ? null : a };
}
