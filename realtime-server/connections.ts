import type http from 'node:http';
import { randomInt } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { verifyUserAuth } from './auth';
import type { Subscriber } from './channels';
import { FrameBudget, LIMITS, PerAddress, RateWindow } from './limits';
import type { Logger } from './log';

// The connection part of the server: WebSocket upgrades, per-socket state, sending, liveness
// (ping/pong), sign-in and the users index, disconnection. What a socket subscribes to is the
// subscription part's business (subscriptions.ts); it is told when a socket goes away.

export class Connection implements Subscriber {
  readonly channels = new Set<string>();
  readonly clientEvents = new RateWindow(LIMITS.clientEventsPerSecond);
  userId: string | undefined;
  lastSeen = Date.now();
  pingSentAt = 0;
  closed = false;
  constructor(readonly ws: WebSocket, readonly socketId: string, readonly address: string, readonly frames: FrameBudget) {}
}

export type Json = Record<string, unknown>;

const SUPPORTED_PROTOCOLS = new Set(['5', '6', '7']);

export interface ConnectionOptions {
  key: string;
  secret: string;
  log: Logger;
  activityMs: number;
  pongTimeoutMs: number;
  maxConnections: number;
  /** Open sockets per source address (IPv6 by /64); past it refused with 4100. */
  maxConnectionsPerAddress: number;
  /** Inbound frames per socket per second on average, with bursts up to `frameBurst`; past it closed with 4100. */
  maxFramesPerSecond: number;
  frameBurst: number;
  maxPayloadBytes: number;
}

export interface ConnectionHooks {
  /** A text frame from an established connection. */
  message(conn: Connection, raw: Buffer): void;
  /** The connection is gone (closed by either side): leave whatever it had joined. */
  gone(conn: Connection): void;
}

/** Sends frames to connections; what the subscription part needs of this one. */
export interface Sender {
  sendRaw(conn: Connection, frame: Buffer | string): void;
  sendEvent(conn: Connection, event: string, data: unknown, channel?: string): void;
  sendError(conn: Connection, code: number | null, message: string): void;
}

export class Connections implements Sender {
  readonly all = new Set<Connection>();
  /** Open sockets by socket id, for the signed-in-user lookup of the HTTP API. */
  private readonly bySocketId = new Map<string, Connection>();
  private readonly users = new Map<string, Set<Connection>>();
  private readonly perAddress: PerAddress;
  /** Sockets closed for flooding frames, and connections refused by the per-address cap. */
  readonly floods = { frameRate: 0, perAddress: 0 };
  private socketSeq = 0;
  private shuttingDown = false;
  private readonly wss: WebSocketServer;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly opts: ConnectionOptions, private readonly hooks: ConnectionHooks) {
    this.perAddress = new PerAddress(opts.maxConnectionsPerAddress);
    this.wss = new WebSocketServer({
      noServer: true,
      // Room for a maximal event plus its JSON envelope; larger frames are closed by `ws` with 1009.
      maxPayload: Math.max(LIMITS.wsFrameBytes, 2 * opts.maxPayloadBytes + 4096),
      perMessageDeflate: false,
      clientTracking: false,
    });
  }

  get signedInUsers(): number {
    return this.users.size;
  }

  // --- sending -------------------------------------------------------------

  sendRaw(conn: Connection, frame: Buffer | string): void {
    // While shutting down every socket is about to get its 4200; presence churn is noise.
    if (conn.closed || this.shuttingDown) return;
    // Never let a client that does not read grow our memory: drop it instead.
    if (conn.ws.bufferedAmount > LIMITS.maxBufferedBytes) {
      this.opts.log.warn('slow consumer dropped', { socketId: conn.socketId, buffered: conn.ws.bufferedAmount });
      // No pusher:error: it would only queue behind the backlog the client is not reading.
      this.disconnect(conn, 4100, 'Slow consumer: too much unsent data', false);
      return;
    }
    conn.ws.send(frame, { binary: false });
  }

  sendEvent(conn: Connection, event: string, data: unknown, channel?: string): void {
    const msg: Json = { event, data };
    if (channel !== undefined) msg.channel = channel;
    this.sendRaw(conn, JSON.stringify(msg));
  }

  sendError(conn: Connection, code: number | null, message: string): void {
    this.sendEvent(conn, 'pusher:error', { code, message });
  }

  /** pusher:error then a close frame with the same code, which is what drives pusher-js's reconnect policy. */
  disconnect(conn: Connection, code: number, message: string, notify = true): void {
    if (notify && !conn.closed) this.sendError(conn, code, message);
    this.cleanup(conn);
    conn.ws.close(code, message);
    // A peer that never answers the close handshake must not pin the socket.
    setTimeout(() => conn.ws.terminate(), 5000).unref();
  }

  private cleanup(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    this.all.delete(conn);
    this.bySocketId.delete(conn.socketId);
    this.perAddress.release(conn.address);
    this.hooks.gone(conn);
    if (conn.userId !== undefined) {
      const set = this.users.get(conn.userId);
      set?.delete(conn);
      if (set?.size === 0) this.users.delete(conn.userId);
    }
  }

  // --- users ---------------------------------------------------------------

  signin(conn: Connection, data: Json): void {
    const userData = data.user_data;
    let userId: unknown;
    if (typeof userData === 'string' && verifyUserAuth(this.opts.key, this.opts.secret, conn.socketId, data.auth, userData)) {
      try {
        userId = (JSON.parse(userData) as Json | null)?.id;
      } catch {
        /* handled below */
      }
    }
    if (typeof userId !== 'string' || userId === '' || userId.length > LIMITS.userIdMax) {
      this.opts.log.debug('signin refused', { socketId: conn.socketId });
      return this.disconnect(conn, 4009, 'Connection not authorized: invalid signin');
    }
    if (conn.userId !== undefined && conn.userId !== userId) this.users.get(conn.userId)?.delete(conn);
    conn.userId = userId;
    let set = this.users.get(userId);
    if (!set) this.users.set(userId, (set = new Set()));
    set.add(conn);
    this.sendEvent(conn, 'pusher:signin_success', { user_data: userData });
  }

  /**
   * Which user an open socket is signed in as: null when it is not signed in, or not open (closed,
   * never existed). The app's channel authorization asks this before it signs a staff-only
   * channel for a socket, so that every socket holding one can be cut by terminate_connections.
   */
  signedInUserOf(socketId: string): string | null {
    const conn = this.bySocketId.get(socketId);
    return conn && !conn.closed ? (conn.userId ?? null) : null;
  }

  /** terminate_connections: every socket signed in as this user. */
  terminateUser(userId: string): number {
    const conns = [...(this.users.get(userId) ?? [])];
    for (const conn of conns) this.disconnect(conn, 4009, 'Connection terminated by the server');
    return conns.length;
  }

  // --- connecting ----------------------------------------------------------

  private refuse(ws: WebSocket, code: number, message: string): void {
    this.opts.log.debug('connection refused', { code, message });
    ws.send(JSON.stringify({ event: 'pusher:error', data: { code, message } }));
    ws.close(code, message);
  }

  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const m = /^\/app\/([^/]+)\/?$/.exec(url.pathname);
      if (!m) return this.refuse(ws, 4005, 'Path not found');
      if (m[1] !== this.opts.key) return this.refuse(ws, 4001, `App key ${m[1]} not in this cluster`);
      const protocol = url.searchParams.get('protocol');
      if (protocol === null) return this.refuse(ws, 4008, 'No protocol version supplied');
      if (!SUPPORTED_PROTOCOLS.has(protocol)) return this.refuse(ws, 4007, `Unsupported protocol version ${protocol}`);
      if (this.shuttingDown) return this.refuse(ws, 4200, 'Server shutting down');
      if (this.all.size >= this.opts.maxConnections) return this.refuse(ws, 4100, 'Over capacity');
      const address = PerAddress.key(req.socket.remoteAddress);
      if (!this.perAddress.tryAcquire(address)) {
        this.floods.perAddress++;
        // 4100: pusher-js backs off and tries again, as for a full server.
        return this.refuse(ws, 4100, 'Over capacity: too many connections from this address');
      }

      const conn = new Connection(ws, `${randomInt(1, 2 ** 31)}.${++this.socketSeq}`, address,
        new FrameBudget(this.opts.maxFramesPerSecond, this.opts.frameBurst));
      this.all.add(conn);
      this.bySocketId.set(conn.socketId, conn);
      ws.on('message', (raw: Buffer) => {
        if (conn.closed) return;
        const now = Date.now();
        if (!conn.frames.take(now)) {
          // Dropped unread: a flood must cost no parsing. Closed rather than answered per frame.
          this.floods.frameRate++;
          this.opts.log.warn('frame rate exceeded', { socketId: conn.socketId });
          return this.disconnect(conn, 4100, 'Over capacity: too many frames per second');
        }
        conn.lastSeen = now;
        conn.pingSentAt = 0;
        this.hooks.message(conn, raw);
      });
      ws.on('pong', () => {
        conn.lastSeen = Date.now();
        conn.pingSentAt = 0;
      });
      ws.on('close', () => this.cleanup(conn));
      ws.on('error', (err) => this.opts.log.debug('socket error', { socketId: conn.socketId, error: err.message }));
      this.sendEvent(conn, 'pusher:connection_established', JSON.stringify({ socket_id: conn.socketId, activity_timeout: this.opts.activityMs / 1000 }));
      this.opts.log.debug('connected', { socketId: conn.socketId });
    });
  }

  /** One sweep for all sockets instead of a timer per socket: ping the idle, drop the silent. */
  startLiveness(): void {
    const { activityMs, pongTimeoutMs } = this.opts;
    const every = Math.max(50, Math.min(1000, Math.min(activityMs, pongTimeoutMs) / 4));
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const conn of this.all) {
        if (conn.pingSentAt && now - conn.pingSentAt > pongTimeoutMs) {
          this.disconnect(conn, 4201, 'Pong reply not received');
        } else if (!conn.pingSentAt && now - conn.lastSeen > activityMs) {
          conn.pingSentAt = now;
          this.sendEvent(conn, 'pusher:ping', '{}');
        }
      }
    }, every);
    this.sweeper.unref();
  }

  /** Graceful shutdown: 4200 to every socket (pusher-js reconnects at once, which a restart wants). */
  async closeAll(): Promise<void> {
    this.shuttingDown = true;
    clearInterval(this.sweeper);
    const sockets = [...this.all].map((c) => c.ws);
    for (const conn of [...this.all]) {
      this.cleanup(conn);
      conn.ws.close(4200, 'Server shutting down');
    }
    await Promise.race([
      Promise.all(sockets.map((ws) => (ws.readyState === WebSocket.CLOSED ? undefined : new Promise((r) => ws.once('close', r))))),
      new Promise((r) => setTimeout(r, 2000).unref()),
    ]);
    for (const ws of sockets) ws.terminate();
  }
}
