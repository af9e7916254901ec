import 'server-only';
import { db } from '@/lib/db';
import { broadcast } from '@/lib/realtime/server';
import { channels, events } from '@/lib/realtime/channels';

// The contact's presence (C4), from the realtime server's webhooks.

/** Presence webhooks (C4): the contact's page joined or left its presence channel. */
export async function setContactConnected(interactionId: string, connected: boolean) {
  const { count } = await db.interaction.updateMany({ where: { id: interactionId, contactConnected: !connected }, data: { contactConnected: connected } });
  if (count === 0) return;
  await broadcast([{ channel: channels.chat(interactionId), name: events.contactState, data: { interactionId, connected } }]);
}
