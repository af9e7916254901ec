import 'server-only';
import { disconnectUser } from './server';

/**
 * Staff who left a chat (done, transferred away, left a conference) must stop receiving its
 * private-chat-* channel now, not when they next sign out. A subscription cannot be withdrawn
 * through the Pusher HTTP API, but a user's connections can be closed (terminate_connections,
 * which hosted Pusher has too): their staff pages reconnect by themselves (lib/realtime/client.ts)
 * and pusher-js re-authorizes each channel — /api/pusher/auth now refuses the chat they left, so
 * whatever page or script still holds that subscription loses it. Costs them a second of live
 * delivery on their other channels, caught up from the store.
 */
export async function revokeChatChannels(userIds: readonly string[]): Promise<void> {
  await Promise.all([...new Set(userIds)].map((id) => disconnectUser(id)));
}
