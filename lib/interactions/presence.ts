import 'server-only';
import { db } from '@/lib/db';
import { broadcast } from '@/lib/realtime/server';
import { channels, events } from '@/lib/realtime/channels';

// The contact's presence (C4), from the realtime server's webhooks.

/**
 * Presence webhooks (C4): the contact's page joined or left its presence channel, at `at` (the
 * webhook's time_ms). With several realtime nodes, webhook batches arrive from each node in any
 * order and may repeat: a change older than (or as old as) the last one applied is ignored, so
 * "connected via node A, disconnected via node B" ends disconnected whichever arrives first,
 * and the contact's state is announced once per real change, never flapping. Without a time
 * (legacy caller) the change applies now.
 */
export async function setContactConnected(interactionId: string, connected: boolean, at: Date = new Date()) {
  const rows = await db.$queryRaw<{ was: boolean }[]>`
    WITH prev AS (
      SELECT id, "contactConnected" AS was FROM "Interaction"
      WHERE id = ${interactionId} AND ("contactPresenceAt" IS NULL OR "contactPresenceAt" < ${at})
      FOR UPDATE
    )
    UPDATE "Interaction" i SET "contactConnected" = ${connected}, "contactPresenceAt" = ${at}
    FROM prev WHERE i.id = prev.id AND (i."contactPresenceAt" IS NULL OR i."contactPresenceAt" < ${at})
    RETURNING prev.was`;
  if (rows.length === 0 || rows[0]!.was === connected) return false;
  await broadcast([{ channel: channels.chat(interactionId), name: events.contactState, data: { interactionId, connected } }]);
  return true;
}
