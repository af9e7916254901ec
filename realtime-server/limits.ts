/** Hosted Pusher Channels limits; we enforce the same so that what works here works there. */
export const LIMITS = {
  channelNameMax: 164,
  eventNameMax: 200,
  channelsPerTrigger: 100,
  batchSize: 10,
  presenceMembers: 100,
  userIdMax: 128,
  userInfoBytes: 1024,
  clientEventsPerSecond: 10,
  /** Room for a full batch (10 × 10 KB) plus JSON overhead; anything bigger is refused unread. */
  httpBodyBytes: 256 * 1024,
  /** Floor for the cap on one inbound WebSocket frame. */
  wsFrameBytes: 64 * 1024,
  /** A socket whose unsent backlog exceeds this is a slow consumer and gets dropped. */
  maxBufferedBytes: 1024 * 1024,
  pongTimeoutMs: 30_000,
} as const;

const CHANNEL_RE = /^[A-Za-z0-9_\-=@,.;]+$/;
export const SERVER_TO_USER_PREFIX = '#server-to-user-';

/** `#` is reserved: the only `#` channel is the per-user channel pusher-js joins after sign-in. */
export function isValidChannelName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > LIMITS.channelNameMax) return false;
  const body = name.startsWith(SERVER_TO_USER_PREFIX) ? name.slice(SERVER_TO_USER_PREFIX.length) : name;
  return body.length > 0 && CHANNEL_RE.test(body);
}

export type ChannelKind = 'public' | 'private' | 'encrypted' | 'presence' | 'user';

export function channelKind(name: string): ChannelKind {
  if (name.startsWith('private-encrypted-')) return 'encrypted';
  if (name.startsWith('private-')) return 'private';
  if (name.startsWith('presence-')) return 'presence';
  if (name.startsWith(SERVER_TO_USER_PREFIX)) return 'user';
  return 'public';
}

/** Fixed one-second window: cheap, and matches "N per second" as documented. */
export class RateWindow {
  private windowStart = 0;
  private count = 0;
  constructor(private readonly perSecond: number) {}
  take(now = Date.now()): boolean {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count <= this.perSecond;
  }
}

/**
 * Token bucket for a socket's inbound frames: `perSecond` on average, with bursts up to `burst`
 * (a reconnecting pusher-js subscribes to all its channels at once).
 */
export class FrameBudget {
  private tokens: number;
  private last: number;
  constructor(private readonly perSecond: number, private readonly burst: number, now = Date.now()) {
    this.tokens = burst;
    this.last = now;
  }
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

/** Open connections per source address (IPv6 by its /64); an address leaves the map at zero. */
export class PerAddress {
  private readonly counts = new Map<string, number>();
  constructor(private readonly cap: number) {}
  static key(address: string | undefined): string {
    if (!address) return 'unknown';
    if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
    if (!address.includes(':')) return address;
    const [head, tail] = address.split('::') as [string, string | undefined];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
    return `${groups.slice(0, 4).join(':')}::/64`;
  }
  tryAcquire(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.cap) return false;
    this.counts.set(key, n + 1);
    return true;
  }
  release(key: string): void {
    const n = this.counts.get(key) ?? 0;
    if (n <= 1) this.counts.delete(key);
    else this.counts.set(key, n - 1);
  }
  get size(): number {
    return this.counts.size;
  }
}
