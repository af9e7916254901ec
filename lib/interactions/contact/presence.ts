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
export async function setContactConnected(interactionId: string, connected: boolean, at: Date = new Date()): Promise<boolean> {
  return (await setContactsConnected(new Map([[interactionId, connected]]), at)).length > 0;
}

/**
 * A whole webhook batch (chat id → final state, lib/realtime/presence-events.ts) in one
 * statement and one broadcast: a batch of 100 joins used to cost 100 round trips and 100
 * awaited broadcasts, and past the webhook's deadline the realtime server sent it all again.
 * Rows are locked in id order, so two batches never deadlock. Answers the chats whose state changed.
 */
export async function setContactsConnected(changes: ReadonlyMap<string, boolean>, at: Date): Promise<string[]> {
  if (changes.size === 0) return [];
  const ids = [...changes.keys()];
  const states = ids.map((id) => changes.get(id)!);
  const rows = await db.$queryRaw<{ id: string; was: boolean; connected: boolean }[]>`
    WITH input AS (SELECT * FROM unnest(${ids}::text[], ${states}::boolean[]) AS t(id, connected)),
    prev AS (
      SELECT i.id, i."contactConnected" AS was, input.connected FROM "Interaction" i JOIN input ON input.id = i.id
      WHERE i."contactPresenceAt" IS NULL OR i."contactPresenceAt" < ${at}
      ORDER BY i.id
      FOR UPDATE OF i
    )
    UPDATE "Interaction" i SET "contactConnected" = prev.connected, "contactPresenceAt" = ${at}
    FROM prev WHERE i.id = prev.id AND (i."contactPresenceAt" IS NULL OR i."contactPresenceAt" < ${at})
    RETURNING i.id, prev.was, prev.connected`;
  const changed = rows.filter((r) => r.was !== r.connected);
  if (changed.length > 0) {
    await broadcast(changed.map((r) => ({ channel: channels.chat(r.id), name: events.contactState, data: { interactionId: r.id, connected: r.connected } })));
  }
  return changed.map((r) => r.id);
}
