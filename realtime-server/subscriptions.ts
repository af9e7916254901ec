import { verifyChannelAuth } from './auth';
import { ChannelRegistry, presencePayload } from './channels';
import type { Connection, Json, Sender } from './connections';
import { channelKind, isValidChannelName, LIMITS, SERVER_TO_USER_PREFIX } from './limits';
import type { Logger } from './log';
import type { WebhookDispatcher } from './webhooks';

// The subscription part of the server: joining and leaving channels (with their authorization),
// presence membership, client events, and fan-out of events to a channel's subscribers.

export interface SubscriptionOptions {
  key: string;
  secret: string;
  log: Logger;
  maxPayloadBytes: number;
  /** Client events (`client-*`) are relayed only when the app enables them. */
  clientEvents: boolean;
  /** Public (unauthorized) channels are served only when the app uses them. */
  publicChannels: boolean;
  /** Channels one connection may be subscribed to at once. */
  maxChannelsPerConnection: number;
  webhooks?: WebhookDispatcher;
}

export class Subscriptions {
  readonly registry = new ChannelRegistry<Connection>();

  constructor(private readonly opts: SubscriptionOptions, private readonly send: Sender) {}

  /** The frame of a channel event, serialized once for all its subscribers. */
  static frameOf(event: string, channel: string, data: unknown, userId?: string): Buffer {
    const msg: Json = { event, channel, data };
    if (userId !== undefined) msg.user_id = userId;
    return Buffer.from(JSON.stringify(msg));
  }

  broadcast(channel: string, frame: Buffer, except?: Connection | string): void {
    const ch = this.registry.get(channel);
    if (!ch) return;
    for (const sub of ch.subscribers.keys()) {
      if (sub !== except && sub.socketId !== except) this.send.sendRaw(sub, frame);
    }
  }

  /** An event from the HTTP API. */
  publish(channel: string, event: string, data: string, exceptSocketId?: string): void {
    this.broadcast(channel, Subscriptions.frameOf(event, channel, data), exceptSocketId);
  }

  private refuse(conn: Connection, channel: string, type: string, error: string, status: number): void {
    this.opts.log.debug('subscription refused', { socketId: conn.socketId, channel, error });
    this.send.sendEvent(conn, 'pusher:subscription_error', { type, error, status }, channel);
  }

  subscribe(conn: Connection, data: Json): void {
    const { key, secret } = this.opts;
    const channel = data.channel;
    if (typeof channel !== 'string') return this.send.sendError(conn, null, 'Subscription is missing a channel name');
    if (!isValidChannelName(channel)) {
      return this.refuse(conn, channel, 'InvalidChannel', `Invalid channel name '${channel}'`, 400);
    }
    const kind = channelKind(channel);
    if (kind === 'public' && !this.opts.publicChannels) {
      return this.refuse(conn, channel, 'AuthError', `Public channels are not enabled for this app: subscribe to a private- or presence- channel`, 403);
    }
    if (!conn.channels.has(channel) && conn.channels.size >= this.opts.maxChannelsPerConnection) {
      const message = `Subscription limit reached: at most ${this.opts.maxChannelsPerConnection} channels per connection; unsubscribe from one first`;
      this.refuse(conn, channel, 'LimitReached', message, 403);
      // Also on the connection: the limit is the socket's, not this channel's.
      return this.send.sendError(conn, null, message);
    }
    let member: { userId: string; info: unknown } | undefined;

    if (kind === 'private' || kind === 'encrypted') {
      if (!verifyChannelAuth(key, secret, conn.socketId, channel, data.auth)) {
        return this.refuse(conn, channel, 'AuthError', `Invalid signature for ${conn.socketId}:${channel}`, 401);
      }
    } else if (kind === 'presence') {
      const channelData = data.channel_data;
      if (typeof channelData !== 'string' || !verifyChannelAuth(key, secret, conn.socketId, channel, data.auth, channelData)) {
        return this.refuse(conn, channel, 'AuthError', `Invalid signature for ${conn.socketId}:${channel}:channel_data`, 401);
      }
      const parsed = parseMember(channelData);
      if (typeof parsed === 'string') return this.refuse(conn, channel, 'InvalidChannelData', parsed, 400);
      member = parsed;
    } else if (kind === 'user') {
      if (conn.userId === undefined || channel !== SERVER_TO_USER_PREFIX + conn.userId) {
        return this.refuse(conn, channel, 'AuthError', 'Sign in as this user before subscribing to its channel', 401);
      }
    }

    const res = this.registry.join(channel, conn, member);
    if (!res.ok) return this.refuse(conn, channel, 'LimitReached', res.reason, 403);
    conn.channels.add(channel);
    const ch = this.registry.get(channel);
    this.send.sendEvent(conn, 'pusher_internal:subscription_succeeded', ch?.members ? presencePayload(ch.members) : '{}', channel);
    if (res.already) return;
    if (res.occupied) this.opts.webhooks?.channelOccupied(channel);
    if (member && res.memberAdded) {
      const added = JSON.stringify({ user_id: member.userId, user_info: member.info });
      this.broadcast(channel, Subscriptions.frameOf('pusher_internal:member_added', channel, added), conn);
      this.opts.webhooks?.memberAdded(channel, member.userId);
    }
  }

  leave(conn: Connection, channel: string): void {
    const res = this.registry.leave(channel, conn);
    conn.channels.delete(channel);
    if (!res) return;
    if (res.memberRemoved !== undefined) {
      this.broadcast(channel, Subscriptions.frameOf('pusher_internal:member_removed', channel, JSON.stringify({ user_id: res.memberRemoved })));
      this.opts.webhooks?.memberRemoved(channel, res.memberRemoved);
    }
    if (res.vacated) this.opts.webhooks?.channelVacated(channel);
  }

  leaveAll(conn: Connection): void {
    for (const channel of [...conn.channels]) this.leave(conn, channel);
  }

  clientEvent(conn: Connection, event: string, channel: unknown, data: unknown): void {
    const { sendError } = this.send;
    const err = (code: number | null, message: string) => sendError.call(this.send, conn, code, message);
    if (!this.opts.clientEvents) {
      return err(null, 'Client event rejected - client events are not enabled for this app');
    }
    if (typeof channel !== 'string') return err(null, 'Client event rejected - missing channel');
    const kind = channelKind(channel);
    if (kind !== 'private' && kind !== 'presence') {
      return err(null, 'Client event rejected - only supported on private and presence channels');
    }
    if (!conn.channels.has(channel)) return err(null, `Client event rejected - not subscribed to ${channel}`);
    if (event.length > LIMITS.eventNameMax) return err(null, 'Client event rejected - event name too long');
    const dataText = typeof data === 'string' ? data : JSON.stringify(data ?? null);
    if (Buffer.byteLength(dataText) > this.opts.maxPayloadBytes) {
      return err(null, `Client event rejected - payload over ${this.opts.maxPayloadBytes} bytes`);
    }
    if (!conn.clientEvents.take()) return err(4301, 'Client event rejected due to rate limit');
    const userId = kind === 'presence' ? this.registry.get(channel)?.subscribers.get(conn) : undefined;
    this.broadcast(channel, Subscriptions.frameOf(event, channel, data, userId), conn);
    this.opts.webhooks?.clientEvent({ channel, event, data: dataText, socket_id: conn.socketId, ...(userId !== undefined ? { user_id: userId } : {}) });
  }
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
