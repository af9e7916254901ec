import { Connections, type Connection, type Json } from './connections';
import { createHttpHandler } from './http-api';
import { listenHttp } from './http-server';
import { LIMITS } from './limits';
import { createLogger, parseLogLevel, type LogLevel } from './log';
import { Subscriptions } from './subscriptions';
import { WebhookDispatcher } from './webhooks';

export interface PusherServerOptions {
  appId: string;
  key: string;
  secret: string;
  /** Bind address, default '127.0.0.1'. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  webhookUrl?: string;
  webhookBatchMs?: number;
  /** Grace period before member_removed / channel_vacated webhooks, default 3000. */
  memberRemovedDelayMs?: number;
  activityTimeoutSec?: number;
  maxConnections?: number;
  maxPayloadBytes?: number;
  logLevel?: LogLevel;
  /** How long to wait for a pong after a server ping; default 30 s. Tests shorten it. */
  pongTimeoutMs?: number;
  /** First webhook retry delay, doubled per attempt; default 1000. */
  webhookRetryBaseMs?: number;
  /**
   * Relay client events (`client-*` sent by browsers) on private and presence channels. Off by
   * default, as on hosted Pusher: any subscriber could otherwise talk to every other one.
   */
  clientEvents?: boolean;
  /** Serve public (unauthorized) channels. Off by default: the app uses private and presence ones only. */
  publicChannels?: boolean;
  /** Channels one connection may hold at once (default 100); beyond it, refused with a pusher:error. */
  maxChannelsPerConnection?: number;
  /** Open sockets per source address, IPv6 by /64 (default 256); beyond it, refused with 4100. */
  maxConnectionsPerAddress?: number;
  /** Inbound frames per socket per second (default 50, bursts up to 4× or 250); beyond it, closed with 4100. */
  maxFramesPerSecond?: number;
}

export const DEFAULT_MAX_CHANNELS_PER_CONNECTION = 100;
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;
export const DEFAULT_MAX_FRAMES_PER_SECOND = 50;

export interface PusherServerStats {
  connections: number;
  channels: number;
  signedInUsers: number;
  /** Sockets closed for flooding frames; connections refused by the per-address cap. */
  floods: { frameRate: number; perAddress: number };
  webhooks?: { queued: number; pendingRemovals: number; dropped: number };
}

export interface PusherServerHandle {
  port: number;
  close(): Promise<void>;
  stats(): PusherServerStats;
}

/**
 * Starts the server: composes the connection part (connections.ts), the subscription part
 * (subscriptions.ts) and the HTTP part (http-server.ts with the REST API of http-api.ts), and
 * routes each client frame to the part that handles it.
 */
export async function startPusherServer(options: PusherServerOptions): Promise<PusherServerHandle> {
  const { appId, key, secret } = options;
  const log = createLogger(options.logLevel ?? parseLogLevel(process.env.REALTIME_LOG_LEVEL));
  const maxPayloadBytes = options.maxPayloadBytes ?? 10_240;
  const maxFramesPerSecond = options.maxFramesPerSecond ?? DEFAULT_MAX_FRAMES_PER_SECOND;
  const webhooks = options.webhookUrl
    ? new WebhookDispatcher({
        url: options.webhookUrl, key, secret, log,
        batchMs: options.webhookBatchMs ?? 250,
        removalDelayMs: options.memberRemovedDelayMs ?? 3000,
        retryBaseMs: options.webhookRetryBaseMs,
      })
    : undefined;

  // The two parts call each other (a closed socket leaves its channels; a channel sends frames),
  // so the subscription part is created right after the connection part it sends through (the
  // connection part only calls back once sockets exist).
  const conns = new Connections(
    {
      key, secret, log, maxPayloadBytes,
      activityMs: (options.activityTimeoutSec ?? 120) * 1000,
      pongTimeoutMs: options.pongTimeoutMs ?? LIMITS.pongTimeoutMs,
      maxConnections: options.maxConnections ?? 10_000,
      maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
      maxFramesPerSecond,
      // A reconnecting client subscribes to every channel it holds at once: room for all of them.
      frameBurst: Math.max(4 * maxFramesPerSecond, (options.maxChannelsPerConnection ?? DEFAULT_MAX_CHANNELS_PER_CONNECTION) + 150),
    },
    { message: (conn, raw) => onMessage(conn, raw), gone: (conn) => subs.leaveAll(conn) },
  );
  const subs: Subscriptions = new Subscriptions(
    {
      key, secret, log, maxPayloadBytes, webhooks,
      clientEvents: options.clientEvents ?? false,
      publicChannels: options.publicChannels ?? false,
      maxChannelsPerConnection: options.maxChannelsPerConnection ?? DEFAULT_MAX_CHANNELS_PER_CONNECTION,
    },
    conns,
  );
  const subscriptions = subs;

  function onMessage(conn: Connection, raw: Buffer): void {
    let msg: Json;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Json).event !== 'string') throw new Error();
      msg = parsed as Json;
    } catch {
      return conns.sendError(conn, null, 'Invalid message: expected JSON {"event": string, "data": ...}');
    }
    const event = msg.event as string;
    if (event.startsWith('client-')) return subscriptions.clientEvent(conn, event, msg.channel, msg.data);
    let data = msg.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        /* left as a string: rejected below where an object is needed */
      }
    }
    const obj = typeof data === 'object' && data !== null ? (data as Json) : {};
    switch (event) {
      case 'pusher:ping':
        return conns.sendEvent(conn, 'pusher:pong', {});
      case 'pusher:pong':
        return;
      case 'pusher:subscribe':
        return subscriptions.subscribe(conn, obj);
      case 'pusher:unsubscribe':
        if (typeof obj.channel === 'string') subscriptions.leave(conn, obj.channel);
        return;
      case 'pusher:signin':
        return conns.signin(conn, obj);
      default:
        return conns.sendError(conn, null, `Unsupported event '${event.slice(0, 64)}'`);
    }
  }

  conns.startLiveness();

  const stats = (): PusherServerStats => ({
    connections: conns.all.size,
    channels: subscriptions.registry.size,
    signedInUsers: conns.signedInUsers,
    floods: { ...conns.floods },
    ...(webhooks ? { webhooks: webhooks.stats() } : {}),
  });

  const http = await listenHttp({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    upgrade: (req, socket, head) => conns.upgrade(req, socket, head),
    handler: createHttpHandler({
      appId, key, secret, maxPayloadBytes, log,
      registry: subscriptions.registry,
      publish: (channel, event, data, except) => subscriptions.publish(channel, event, data, except),
      terminateUser: (userId) => conns.terminateUser(userId),
      socketUser: (socketId) => conns.signedInUserOf(socketId),
      health: stats,
    }),
  });
  log.debug('started', { port: http.port, host: options.host ?? '127.0.0.1', appId });

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    await http.close(async () => {
      await conns.closeAll();
      await webhooks?.close();
    });
    log.info('closed', { port: http.port });
  }

  return {
    port: http.port,
    close: () => (closing ??= close()),
    stats,
  };
}
