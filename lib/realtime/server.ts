import 'server-only';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import Pusher from 'pusher';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';

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

export interface Broadcast {
  channel: string;
  name: string;
  data: unknown;
  socketId?: string;
}

/**
 * Broadcasts after the data is stored. A failure here loses nothing (clients catch up from the
 * store on reconnect or on a seq gap), so it is logged, never thrown back at the caller.
 *
 * Calls made in the same turn of the event loop share HTTP requests: everything queued is sent
 * on the next turn as `batch_events` calls of up to 10 events each (the Pusher limit) over the
 * kept-alive connections, instead of one signed request per event. Each caller's promise
 * resolves when its own events have been sent.
 */
export function broadcast(items: Broadcast[]): Promise<void> {
  if (items.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    pending.push({ items, resolve });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
}

let pending: { items: Broadcast[]; resolve: () => void }[] = [];
let flushScheduled = false;

async function flush() {
  flushScheduled = false;
  const callers = pending;
  pending = [];
  const all = callers.flatMap((c) => c.items);
  const chunks: Broadcast[][] = [];
  for (let i = 0; i < all.length; i += 10) chunks.push(all.slice(i, i + 10));
  await Promise.all(chunks.map(send));
  for (const c of callers) c.resolve();
}

async function send(chunk: Broadcast[]) {
  try {
    if (chunk.length === 1) {
      const [b] = chunk as [Broadcast];
      await pusherClient().trigger(b.channel, b.name, b.data, b.socketId ? { socket_id: b.socketId } : undefined);
    } else {
      await pusherClient().triggerBatch(
        chunk.map((b) => ({ channel: b.channel, name: b.name, data: b.data, ...(b.socketId ? { socket_id: b.socketId } : {}) })),
      );
    }
  } catch (e) {
    logger.warn('broadcast failed', { error: String(e), channels: chunk.map((b) => b.channel) });
  }
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
