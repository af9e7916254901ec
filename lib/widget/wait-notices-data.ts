import 'server-only';
import { db } from '@/lib/db';
import { broadcast } from '@/lib/realtime/server';
import { channels, events } from '@/lib/realtime/channels';
import { logger } from '@/lib/log';
import { noticesAfterAccept, type WaitingChat } from './wait-notices';

// A queue of more than this many waiting contacts is told in the next routing sweep instead.
const MAX_NOTICES = 200;

/** After an accept: a position notice to every contact still waiting in the chat's queue (issue 18). */
export async function announceQueueAfterAccept(interactionId: string): Promise<void> {
  try {
    const waiting = await db.$queryRaw<WaitingChat[]>`
      SELECT w.id, w."queueId", w."createdAt", w."lastSeq" FROM "Interaction" w
       WHERE w."queueId" = (SELECT "queueId" FROM "Interaction" WHERE id = ${interactionId})
         AND w.status IN ('QUEUED', 'OFFERED')
       ORDER BY w."createdAt", w.id LIMIT ${MAX_NOTICES}`;
    if (waiting.length === 0) return;
    const notices = noticesAfterAccept(waiting[0]!.queueId, waiting);
    await broadcast(notices.map((data) => ({ channel: channels.chat(data.interactionId), name: events.interaction, data })));
  } catch (e) {
    // The notice is a hint: the page also re-reads every 30 s, so a failure loses nothing.
    logger.warn('queue notice after accept failed', { error: String(e) });
  }
}
