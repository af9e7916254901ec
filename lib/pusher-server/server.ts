import http from 'node:http';
import { randomInt } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { verifyChannelAuth, verifyUserAuth } from './auth';
import { ChannelRegistry, presencePayload, type Subscriber } from './channels';
import { createHttpHandler } from './http-api';
import { channelKind, isValidChannelName, LIMITS, RateWindow, SERVER_TO_USER_PREFIX } from './limits';
import { createLogger, parseLogLevel, type LogLevel } from './log';
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
}

export interface PusherServerStats {
  connections: number;
  channels: number;
  signedInUsers: number;
  webhooks?: { queued: number; pendingRemovals: number; dropped: number };
}

export interface PusherServerHandle {
  port: number;
  close(): Promise<void>;
  stats(): PusherServerStats;
}

class Connection implements Subscriber {
  readonly channels = new Set<string>();
  readonly clientEvents = new RateWindow(LIMITS.clientEventsPerSecond);
  userId: string | undefined;
  lastSeen = Date.now();
  pingSentAt = 0;
  closed = false;
  constructor(readonly ws: WebSocket, readonly socketId: string) {}
}

type Json = Record<string, unknown>;

const SUPPORTED_PROTOCOLS = new Set(['5', '6', '7']);

export async function startPusherServer(options: PusherServerOptions): Promise<PusherServerHandle> {
  const { appId, key, secret } = options;
  const log = createLogger(options.logLevel ?? parseLogLevel(process.env.REALTIME_LOG_LEVEL));
  const activityMs = (options.activityTimeoutSec ?? 120) * 1000;
  const pongTimeoutMs = options.pongTimeoutMs ?? LIMITS.pongTimeoutMs;
  const maxConnections = options.maxConnections ?? 10_000;
  const maxPayloadBytes = options.maxPayloadBytes ?? 10_240;
  const removalDelayMs = options.memberRemovedDelayMs ?? 3000;

  const registry = new ChannelRegistry<Connection>();
  const connections = new Set<Connection>();
  const usersIndex = new Map<string, Set<Connection>>();
  const webhooks = options.webhookUrl
    ? new WebhookDispatcher({
        url: options.webhookUrl, key, secret, log,
        batchMs: options.webhookBatchMs ?? 250,
        removalDelayMs,
        retryBaseMs: options.webhookRetryBaseMs,
      })
    : undefined;
  let socketSeq = 0;
  let shuttingDown = false;

  // --- sending -------------------------------------------------------------

  function sendRaw(conn: Connection, frame: Buffer | string): void {
    // While shutting down every socket is about to get its 4200; presence churn is noise.
    if (conn.closed || shuttingDown) return;
    // Never let a client that does not read grow our memory: drop it instead.
    if (conn.ws.bufferedAmount > LIMITS.maxBufferedBytes) {
      log.warn('slow consumer dropped', { socketId: conn.socketId, buffered: conn.ws.bufferedAmount });
      // No pusher:error: it would only queue behind the backlog the client is not reading.
      disconnect(conn, 4100, 'Slow consumer: too much unsent data', false);
      return;
    }
    conn.ws.send(frame, { binary: false });
  }

  function sendEvent(conn: Connection, event: string, data: unknown, channel?: string): void {
    const msg: Json = { event, data };
    if (channel !== undefined) msg.channel = channel;
    sendRaw(conn, JSON.stringify(msg));
  }

  function sendError(conn: Connection, code: number | null, message: string): void {
    sendEvent(conn, 'pusher:error', { code, message });
  }

  function subscriptionError(conn: Connection, channel: string, type: string, error: string, status: number): void {
    log.debug('subscription refused', { socketId: conn.socketId, channel, error });
    sendEvent(conn, 'pusher:subscription_error', { type, error, status }, channel);
  }

  /** pusher:error then a close frame with the same code, which is what drives pusher-js's reconnect policy. */
  function disconnect(conn: Connection, code: number, message: string, notify = true): void {
    if (notify && !conn.closed) sendError(conn, code, message);
    cleanup(conn);
    conn.ws.close(code, message);
    // A peer that never answers the close handshake must not pin the socket.
    setTimeout(() => conn.ws.terminate(), 5000).unref();
  }

  function broadcast(channel: string, frame: Buffer, except?: Connection | string): void {
    const ch = registry.get(channel);
    if (!ch) return;
    for (const sub of ch.subscribers.keys()) {
      if (sub !== except && sub.socketId !== except) sendRaw(sub, frame);
    }
  }

  function frameOf(event: string, channel: string, data: unknown, userId?: string): Buffer {
    const msg: Json = { event, channel, data };
    if (userId !== undefined) msg.user_id = userId;
    return Buffer.from(JSON.stringify(msg));
  }

  // --- channel membership --------------------------------------------------

  function leaveChannel(conn: Connection, channel: string): void {
    const res = registry.leave(channel, conn);
    conn.channels.delete(channel);
    if (!res) return;
    if (res.memberRemoved !== undefined) {
      broadcast(channel, frameOf('pusher_internal:member_removed', channel, JSON.stringify({ user_id: res.memberRemoved })));
      webhooks?.memberRemoved(channel, res.memberRemoved);
    }
    if (res.vacated) webhooks?.channelVacated(channel);
  }

  function cleanup(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    connections.delete(conn);
    for (const channel of [...conn.channels]) leaveChannel(conn, channel);
    if (conn.userId !== undefined) {
      const set = usersIndex.get(conn.userId);
      set?.delete(conn);
      if (set?.size === 0) usersIndex.delete(conn.userId);
    }
  }

  function subscribe(conn: Connection, data: Json): void {
    const channel = data.channel;
    if (typeof channel !== 'string') return sendError(conn, null, 'Subscription is missing a channel name');
    if (!isValidChannelName(channel)) {
      return subscriptionError(conn, channel, 'InvalidChannel', `Invalid channel name '${channel}'`, 400);
    }
    const kind = channelKind(channel);
    let member: { userId: string; info: unknown } | undefined;

    if (kind === 'private' || kind === 'encrypted') {
      if (!verifyChannelAuth(key, secret, conn.socketId, channel, data.auth)) {
        return subscriptionError(conn, channel, 'AuthError', `Invalid signature for ${conn.socketId}:${channel}`, 401);
      }
    } else if (kind === 'presence') {
      const channelData = data.channel_data;
      if (typeof channelData !== 'string' || !verifyChannelAuth(key, secret, conn.socketId, channel, data.auth, channelData)) {
        return subscriptionError(conn, channel, 'AuthError', `Invalid signature for ${conn.socketId}:${channel}:channel_data`, 401);
      }
      const parsed = parseMember(channelData);
      if (typeof parsed === 'string') return subscriptionError(conn, channel, 'InvalidChannelData', parsed, 400);
      member = parsed;
    } else if (kind === 'user') {
      if (conn.userId === undefined || channel !== SERVER_TO_USER_PREFIX + conn.userId) {
        return subscriptionError(conn, channel, 'AuthError', 'Sign in as this user before subscribing to its channel', 401);
      }
    }

    const res = registry.join(channel, conn, member);
    if (!res.ok) return subscriptionError(conn, channel, 'LimitReached', res.reason, 403);
    conn.channels.add(channel);
    const ch = registry.get(channel);
    sendEvent(conn, 'pusher_internal:subscription_succeeded', ch?.members ? presencePayload(ch.members) : '{}', channel);
    if (res.already) return;
    if (res.occupied) webhooks?.channelOccupied(channel);
    if (member && res.memberAdded) {
      const added = JSON.stringify({ user_id: member.userId, user_info: member.info });
      broadcast(channel, frameOf('pusher_internal:member_added', channel, added), conn);
      webhooks?.memberAdded(channel, member.userId);
    }
  }

  function clientEvent(conn: Connection, event: string, channel: unknown, data: unknown): void {
    if (typeof channel !== 'string') return sendError(conn, null, 'Client event rejected - missing channel');
    const kind = channelKind(channel);
    if (kind !== 'private' && kind !== 'presence') {
      return sendError(conn, null, 'Client event rejected - only supported on private and presence channels');
    }
    if (!conn.channels.has(channel)) return sendError(conn, null, `Client event rejected - not subscribed to ${channel}`);
    if (event.length > LIMITS.eventNameMax) return sendError(conn, null, 'Client event rejected - event name too long');
    const dataText = typeof data === 'string' ? data : JSON.stringify(data ?? null);
    if (Buffer.byteLength(dataText) > maxPayloadBytes) {
      return sendError(conn, null, `Client event rejected - payload over ${maxPayloadBytes} bytes`);
    }
    if (!conn.clientEvents.take()) return sendError(conn, 4301, 'Client event rejected due to rate limit');
    const userId = kind === 'presence' ? registry.get(channel)?.subscribers.get(conn) : undefined;
    broadcast(channel, frameOf(event, channel, data, userId), conn);
    webhooks?.clientEvent({ channel, event, data: dataText, socket_id: conn.socketId, ...(userId !== undefined ? { user_id: userId } : {}) });
  }

  function signin(conn: Connection, data: Json): void {
    const userData = data.user_data;
    let userId: unknown;
    if (typeof userData === 'string' && verifyUserAuth(key, secret, conn.socketId, data.auth, userData)) {
      try {
        userId = (JSON.parse(userData) as Json | null)?.id;
      } catch {
        /* handled below */
      }
    }
    if (typeof userId !== 'string' || userId === '' || userId.length > LIMITS.userIdMax) {
      log.debug('signin refused', { socketId: conn.socketId });
      return disconnect(conn, 4009, 'Connection not authorized: invalid signin');
    }
    if (conn.userId !== undefined && conn.userId !== userId) usersIndex.get(conn.userId)?.delete(conn);
    conn.userId = userId;
    let set = usersIndex.get(userId);
    if (!set) usersIndex.set(userId, (set = new Set()));
    set.add(conn);
    sendEvent(conn, 'pusher:signin_success', { user_data: userData });
  }

  function onMessage(conn: Connection, raw: Buffer): void {
    conn.lastSeen = Date.now();
    conn.pingSentAt = 0;
    let msg: Json;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Json).event !== 'string') throw new Error();
      msg = parsed as Json;
    } catch {
      return sendError(conn, null, 'Invalid message: expected JSON {"event": string, "data": ...}');
    }
    const event = msg.event as string;
    if (event.startsWith('client-')) return clientEvent(conn, event, msg.channel, msg.data);
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
        return sendEvent(conn, 'pusher:pong', {});
      case 'pusher:pong':
        return;
      case 'pusher:subscribe':
        return subscribe(conn, obj);
      case 'pusher:unsubscribe':
        if (typeof obj.channel === 'string') leaveChannel(conn, obj.channel);
        return;
      case 'pusher:signin':
        return signin(conn, obj);
      default:
        return sendError(conn, null, `Unsupported event '${event.slice(0, 64)}'`);
    }
  }

  // --- connections ---------------------------------------------------------

  const wss = new WebSocketServer({
    noServer: true,
    // Room for a maximal event plus its JSON envelope; larger frames are closed by `ws` with 1009.
    maxPayload: Math.max(LIMITS.wsFrameBytes, 2 * maxPayloadBytes + 4096),
    perMessageDeflate: false,
    clientTracking: false,
  });

  function refuse(ws: WebSocket, code: number, message: string): void {
    log.debug('connection refused', { code, message });
    ws.send(JSON.stringify({ event: 'pusher:error', data: { code, message } }));
    ws.close(code, message);
  }

  function onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const m = /^\/app\/([^/]+)\/?$/.exec(url.pathname);
      if (!m) return refuse(ws, 4005, 'Path not found');
      if (m[1] !== key) return refuse(ws, 4001, `App key ${m[1]} not in this cluster`);
      const protocol = url.searchParams.get('protocol');
      if (protocol === null) return refuse(ws, 4008, 'No protocol version supplied');
      if (!SUPPORTED_PROTOCOLS.has(protocol)) return refuse(ws, 4007, `Unsupported protocol version ${protocol}`);
      if (shuttingDown) return refuse(ws, 4200, 'Server shutting down');
      if (connections.size >= maxConnections) return refuse(ws, 4100, 'Over capacity');

      const conn = new Connection(ws, `${randomInt(1, 2 ** 31)}.${++socketSeq}`);
      connections.add(conn);
      ws.on('message', (raw: Buffer) => onMessage(conn, raw));
      ws.on('pong', () => {
        conn.lastSeen = Date.now();
        conn.pingSentAt = 0;
      });
      ws.on('close', () => cleanup(conn));
      ws.on('error', (err) => log.debug('socket error', { socketId: conn.socketId, error: err.message }));
      sendEvent(conn, 'pusher:connection_established',
        JSON.stringify({ socket_id: conn.socketId, activity_timeout: activityMs / 1000 }));
      log.debug('connected', { socketId: conn.socketId });
    });
  }

  // One sweep for all sockets instead of a timer per socket.
  const sweepEvery = Math.max(50, Math.min(1000, Math.min(activityMs, pongTimeoutMs) / 4));
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const conn of connections) {
      if (conn.pingSentAt && now - conn.pingSentAt > pongTimeoutMs) {
        disconnect(conn, 4201, 'Pong reply not received');
      } else if (!conn.pingSentAt && now - conn.lastSeen > activityMs) {
        conn.pingSentAt = now;
        sendEvent(conn, 'pusher:ping', '{}');
      }
    }
  }, sweepEvery);
  sweeper.unref();

  // --- HTTP ----------------------------------------------------------------

  const stats = (): PusherServerStats => ({
    connections: connections.size,
    channels: registry.size,
    signedInUsers: usersIndex.size,
    ...(webhooks ? { webhooks: webhooks.stats() } : {}),
  });

  const handler = createHttpHandler({
    appId, key, secret, maxPayloadBytes, log, registry,
    publish: (channel, event, data, except) => broadcast(channel, frameOf(event, channel, data), except),
    terminateUser: (userId) => {
      const conns = [...(usersIndex.get(userId) ?? [])];
      for (const conn of conns) disconnect(conn, 4009, 'Connection terminated by the server');
      return conns.length;
    },
    health: stats,
  });

  const server = http.createServer((req, res) => void handler(req, res));
  // Longer than typical client agents' idle timeouts, so keep-alive sockets are closed by the client side.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.debug('started', { port, host: options.host ?? '127.0.0.1', appId });

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    shuttingDown = true;
    clearInterval(sweeper);
    const sockets = [...connections].map((c) => c.ws);
    for (const conn of [...connections]) {
      cleanup(conn);
      // 4200: pusher-js reconnects at once, which is what a restart wants.
      conn.ws.close(4200, 'Server shutting down');
    }
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([
      Promise.all(sockets.map((ws) => ws.readyState === WebSocket.CLOSED ? undefined : new Promise((r) => ws.once('close', r)))),
      new Promise((r) => setTimeout(r, 2000).unref()),
    ]);
    for (const ws of sockets) ws.terminate();
    await webhooks?.close();
    server.closeAllConnections();
    await serverClosed;
    log.info('closed', { port });
  }

  return {
    port,
    close: () => (closing ??= close()),
    stats,
  };
}

function parseMember(channelData: string): { userId: string; info: unknown } | string {
  let parsed: Json;
  try {
    parsed = JSON.parse(channelData) as Json;
  } catch {
    return 'channel_data is not valid JSON';
  }
  const id = parsed?.user_id;
  if (typeof id !== 'string' && typeof id !== 'number') return 'channel_data must contain a user_id';
  const userId = String(id);
  if (userId.length === 0 || userId.length > LIMITS.userIdMax) return `user_id must be 1-${LIMITS.userIdMax} characters`;
  const info = parsed.user_info;
  if (info !== undefined && Buffer.byteLength(JSON.stringify(info)) > LIMITS.userInfoBytes) {
    return `user_info is over ${LIMITS.userInfoBytes} bytes`;
  }
  return { userId, info };
}
