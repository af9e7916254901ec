import 'server-only';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import Pusher from 'pusher';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { noteBroadcast } from '@/lib/supervisor/publish';
import { channelPatterns, contactSafe, type EventPayload, type events } from './channels';

function create() {
  return new Pusher({
    appId: env.PUSHER_APP_ID,
    key: env.PUSHER_KEY,
    secret: env.PUSHER_SECRET,
    useTLS: env.PUSHER_USE_TLS,
    ...(env.PUSHER_HOST ? { host: env.PUSHER_HOST, ...(env.PUSHER_PORT ? { port: String(env.PUSHER_PORT) } : {}) } : { cluster: env.PUSHER_CLUSTER }),
    // Reuse connections to the realtime API: a new TCP connection per broadcast costs more than the broadcast.
    agent: new (env.PUSHER_USE_TLS ? HttpsAgent : HttpAgent)({ keepAlive: true, maxSockets: 64 }),
    timeout: 5000,
  });
}

const globalForPusher = globalThis as unknown as { pusher?: Pusher };
/** The server SDK, made on first use (importing this module must not need the secrets). */
export function pusherClient(): Pusher {
  globalForPusher.pusher ??= create();
  return globalForPusher.pusher;
}

type Events = typeof events;
/** One event to send: its payload type follows from its name (see `events` in channels.ts). */
export type Broadcast = {
  [K in keyof Events]: { channel: string; name: Events[K]; data: EventPayload<Events[K]>; socketId?: string };
}[keyof Events];

/** What actually goes on the wire: on the contact's channel, staff-only keys are dropped. */
export function wirePayload(b: Pick<Broadcast, 'channel' | 'data'>): unknown {
  return channelPatterns.chat.test(b.channel) ? contactSafe(b.data) : b.data;
}

/**
 * Broadcasts after the data is stored. A failure here loses nothing (clients catch up from the
 * store on reconnect or on a seq gap), so it is logged, never thrown back at the caller.
 */
export async function broadcast(items: Broadcast[]): Promise<void> {
  if (items.length === 0) return;
  // The supervisors' board follows every chat and workspace change (coalesced, see that module).
  noteBroadcast(items);
  const chunks: Broadcast[][] = [];
  for (let i = 0; i < items.length; i += 10) chunks.push(items.slice(i, i + 10));
  await Promise.all(
    chunks.map(async (chunk) => {
      try {
        if (chunk.length === 1) {
          const [b] = chunk as [Broadcast];
          await pusherClient().trigger(b.channel, b.name, wirePayload(b), b.socketId ? { socket_id: b.socketId } : undefined);
        } else {
          await pusherClient().triggerBatch(
            chunk.map((b) => ({ channel: b.channel, name: b.name, data: wirePayload(b), ...(b.socketId ? { socket_id: b.socketId } : {}) })),
          );
        }
      } catch (e) {
        logger.warn('broadcast failed', { error: String(e), channels: chunk.map((b) => b.channel) });
      }
    }),
  );
}

export function authorizeChannel(socketId: string, channel: string, presenceData?: { user_id: string; user_info?: Record<string, string> }) {
  return pusherClient().authorizeChannel(socketId, channel, presenceData);
}

/** Closes every live realtime connection of a signed-in user (sign-out, deactivation). */
export async function disconnectUser(userId: string): Promise<void> {
  try {
    await pusherClient().terminateUserConnections(userId);
  } catch (e) {
    logger.warn('terminate_connections failed', { error: String(e), userId });
  }
}
