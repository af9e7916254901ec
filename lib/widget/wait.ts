import 'server-only';
import { db } from '@/lib/db';
import { requireContact } from '@/lib/interactions/core/access';
import { chatWaitEstimate, queueWaitEstimates, type ChatWait } from './estimated-wait-data';

/** Issue 18: a waiting contact's position and estimated wait (with the chat's secret). */
export async function contactWait(chatId: string, secret: string): Promise<ChatWait> {
  await requireContact(chatId, secret);
  return chatWaitEstimate(db, chatId);
}

/** Issue 18: the supervisors' board, per queue (the caller checks the role). */
export function boardWaitEstimates() {
  return queueWaitEstimates(db);
}
