import 'server-only';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import Pusher from 'pusher';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { onDrain } from '@/lib/ops/drain-state';
import { opsCounters } from '@/lib/ops/counters';
import { channelPatterns, contactSafe, type EventPayload, type events } from './channels';
import { isSocketId } from './socket-id';

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
 *
 * Events share HTTP requests: `batch_events` calls of up to 10 events (the Pusher limit) over
 * the kept-alive connections, instead of one signed request per event. Every channel belongs to
 * one of LANES lanes, and a lane sends one request at a time, in order, so one channel's events
 * reach the realtime server in the order they were broadcast (a reordering would make clients
 * wait for a seq and read it from the store); while a lane's request is in flight, what arrives
 * for it waits and rides in the next one. Each caller's promise resolves when its events are sent.
 */
export function broadcast(items: Broadcast[]): Promise<void> {
  if (items.length === 0) return Promise.resolve();
  for (const hook of afterBroadcastHooks().values()) hook(items);
  return new Promise((resolve) => {
    const caller = { left: items.length, resolve };
    for (const item of items) {
      const lane = lanes[laneOf(item.channel)]!;
      lane.queue.push({ item, caller });
      opsCounters().broadcastQueued++;
      schedule(lane);
    }
  });
}

type AfterBroadcast = (items: readonly Broadcast[]) => void;
// Kept on globalThis: the app can hold this module twice (Next.js's bundle and the fast lane's
// plain import), and a hook registered through either copy must see the broadcasts of both.
const globalForHooks = globalThis as unknown as { afterBroadcast?: Map<string, AfterBroadcast> };
function afterBroadcastHooks(): Map<string, AfterBroadcast> {
  globalForHooks.afterBroadcast ??= new Map();
  return globalForHooks.afterBroadcast;
}

/**
 * Registers `hook` to see every batch `broadcast` is given, synchronously, before it is sent.
 * This module is transport only: whoever follows broadcasts (the supervisors' board, see
 * lib/supervisor/publish.ts) registers here instead of being imported from here. One hook per
 * name; registering a name again replaces it (so a module loaded twice does not count twice).
 */
export function afterBroadcast(name: string, hook: AfterBroadcast): void {
  afterBroadcastHooks().set(name, hook);
}

const LANES = 16;
interface Queued {
  item: Broadcast;
  caller: { left: number; resolve: () => void };
}
interface Lane {
  queue: Queued[];
  busy: boolean;
}
const lanes: Lane[] = Array.from({ length: LANES }, () => ({ queue: [], busy: false }));

/** Resolves when every lane has sent what it holds (for the drain before shutdown). */
export async function flushLanes(): Promise<void> {
  while (lanes.some((l) => l.busy || l.queue.length > 0)) await new Promise((r) => setTimeout(r, 5));
}
// Order 20: after the board publisher (order 10), whose deltas ride these lanes.
onDrain('broadcast-lanes', 20, flushLanes);

function laneOf(channel: string): number {
  let h = 0;
  for (let i = 0; i < channel.length; i++) h = (h * 31 + channel.charCodeAt(i)) | 0;
  return Math.abs(h) % LANES;
}

function schedule(lane: Lane) {
  if (lane.busy) return;
  lane.busy = true;
  // Next turn: what is broadcast in this one (several chats' messages) shares the request.
  setImmediate(() => void pump(lane));
}

async function pump(lane: Lane) {
  while (lane.queue.length > 0) {
    const chunk = lane.queue.splice(0, 10);
    const c = opsCounters();
    c.broadcastQueued -= chunk.length;
    c.broadcastEvents += chunk.length;
    c.broadcastRequests++;
    await send(chunk.map((q) => q.item));
    for (const q of chunk) if (--q.caller.left === 0) q.caller.resolve();
  }
  lane.busy = false;
}

/** The event as the HTTP API takes it; a malformed socket id is dropped, never sent (defect 3). */
function wireEvent(b: Broadcast) {
  return { channel: b.channel, name: b.name, data: wirePayload(b), ...(isSocketId(b.socketId) ? { socket_id: b.socketId } : {}) };
}

/** The realtime server refused the request itself (4xx), as opposed to being unreachable or slow. */
function refused(e: unknown): boolean {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

async function send(chunk: Broadcast[]) {
  try {
    await sendAll(chunk.map(wireEvent));
  } catch (e) {
    if (chunk.length > 1 && refused(e)) {
      // One bad event must not cost the others: a refused batch is retried event by event.
      logger.warn('broadcast batch refused; retrying its events one by one', { error: String(e), channels: chunk.map((b) => b.channel) });
      for (const b of chunk) {
        try {
          await sendAll([wireEvent(b)]);
        } catch (one) {
          logger.warn('broadcast failed', { error: String(one), channels: [b.channel] });
        }
      }
      return;
    }
    logger.warn('broadcast failed', { error: String(e), channels: chunk.map((b) => b.channel) });
  }
}

async function sendAll(wire: ReturnType<typeof wireEvent>[]) {
  if (wire.length === 1) {
    const [w] = wire as [ReturnType<typeof wireEvent>];
    await pusherClient().trigger(w.channel, w.name, w.data, w.socket_id ? { socket_id: w.socket_id } : undefined);
  } else {
    await pusherClient().triggerBatch(wire);
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
