import http from 'node:http';
import https from 'node:https';
import { hmacHex } from './auth';
import type { Logger } from './log';

export type WebhookEvent =
  | { name: 'channel_occupied' | 'channel_vacated'; channel: string }
  | { name: 'member_added' | 'member_removed'; channel: string; user_id: string }
  | { name: 'client_event'; channel: string; event: string; data: string; socket_id: string; user_id?: string };

export interface WebhookOptions {
  url: string;
  key: string;
  secret: string;
  batchMs: number;
  /** Delay for channel_vacated / member_removed so that a page reload does not flap. */
  removalDelayMs: number;
  log: Logger;
  retryBaseMs?: number;
  maxQueue?: number;
}

const MAX_EVENTS_PER_POST = 100;
const GIVE_UP_AFTER_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Batches webhook events and POSTs them in order, one request in flight at a
 * time, so the receiver sees events in the order they happened even across retries.
 */
export class WebhookDispatcher {
  private queue: WebhookEvent[] = [];
  private readonly pendingRemovals = new Map<string, { timer: NodeJS.Timeout; event: WebhookEvent }>();
  private batchTimer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private closed = false;
  /** Set once close() has waited long enough: whatever is still queued is given up. */
  private abandoned = false;
  private dropped = 0;
  private readonly agent: http.Agent;
  private readonly target: URL;
  private readonly maxQueue: number;
  private readonly retryBaseMs: number;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly opts: WebhookOptions) {
    this.target = new URL(opts.url);
    const Agent = this.target.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
    this.maxQueue = opts.maxQueue ?? 10_000;
    this.retryBaseMs = opts.retryBaseMs ?? 1000;
  }

  channelOccupied(channel: string): void {
    // Re-occupied within the grace period: neither the vacate nor a second occupy is reported.
    if (this.cancelRemoval(`c\0${channel}`)) return;
    this.push({ name: 'channel_occupied', channel });
  }

  channelVacated(channel: string): void {
    this.delayRemoval(`c\0${channel}`, { name: 'channel_vacated', channel });
  }

  memberAdded(channel: string, userId: string): void {
    if (this.cancelRemoval(`m\0${channel}\0${userId}`)) return;
    this.push({ name: 'member_added', channel, user_id: userId });
  }

  memberRemoved(channel: string, userId: string): void {
    this.delayRemoval(`m\0${channel}\0${userId}`, { name: 'member_removed', channel, user_id: userId });
  }

  clientEvent(e: Omit<Extract<WebhookEvent, { name: 'client_event' }>, 'name'>): void {
    this.push({ name: 'client_event', ...e });
  }

  stats(): { queued: number; pendingRemovals: number; dropped: number } {
    return { queued: this.queue.length, pendingRemovals: this.pendingRemovals.size, dropped: this.dropped };
  }

  /** Sends what is due now (including delayed removals) and waits at most `timeoutMs`. */
  async close(timeoutMs = 1000): Promise<void> {
    for (const { timer, event } of this.pendingRemovals.values()) {
      clearTimeout(timer);
      this.push(event);
    }
    this.pendingRemovals.clear();
    this.closed = true;
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.queue.length > 0 || this.inFlight) {
      const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      if (!this.inFlight) void this.flush();
      await Promise.race([idle, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    }
    this.abandoned = true;
    if (this.queue.length > 0) this.opts.log.warn('webhook events lost at shutdown', { events: this.queue.length });
    this.queue = [];
    this.agent.destroy();
  }

  private delayRemoval(key: string, event: WebhookEvent): void {
    if (this.pendingRemovals.has(key)) return;
    const timer = setTimeout(() => {
      this.pendingRemovals.delete(key);
      this.push(event);
    }, this.opts.removalDelayMs);
    timer.unref();
    this.pendingRemovals.set(key, { timer, event });
  }

  private cancelRemoval(key: string): boolean {
    const pending = this.pendingRemovals.get(key);
    if (!pending) return false;
    clearTimeout(pending.timer);
    this.pendingRemovals.delete(key);
    return true;
  }

  private push(event: WebhookEvent): void {
    if (this.queue.length >= this.maxQueue) {
      // Bounded memory beats completeness when the receiver has been down for long.
      this.queue.shift();
      if (this.dropped++ % 1000 === 0) this.opts.log.warn('webhook queue full, dropping oldest', { dropped: this.dropped });
    }
    this.queue.push(event);
    if (!this.inFlight && !this.batchTimer && !this.closed) {
      this.batchTimer = setTimeout(() => {
        this.batchTimer = undefined;
        void this.flush();
      }, this.opts.batchMs);
      this.batchTimer.unref();
    }
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    while (this.queue.length > 0 && !this.abandoned) {
      const batch = this.queue.slice(0, MAX_EVENTS_PER_POST);
      const firstTry = Date.now();
      let delay = this.retryBaseMs;
      for (;;) {
        const err = await this.post(batch);
        if (!err) break;
        if (this.closed || Date.now() - firstTry > GIVE_UP_AFTER_MS) {
          this.opts.log.error('webhook batch dropped', { error: err, events: batch.length });
          break;
        }
        this.opts.log.warn('webhook delivery failed, retrying', { error: err, retryInMs: delay });
        await new Promise((r) => setTimeout(r, delay).unref());
        delay = Math.min(delay * 2, 60_000);
      }
      // The batch is a prefix of the queue, though overflow may have shifted some of it off meanwhile.
      const end = this.queue.indexOf(batch[batch.length - 1]);
      if (end >= 0) this.queue.splice(0, end + 1);
    }
    this.inFlight = false;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private post(events: WebhookEvent[]): Promise<string | undefined> {
    const body = JSON.stringify({ time_ms: Date.now(), events });
    const mod = this.target.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = mod.request(this.target, {
        method: 'POST',
        agent: this.agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'X-Pusher-Key': this.opts.key,
          'X-Pusher-Signature': hmacHex(this.opts.secret, body),
        },
      }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode && res.statusCode < 300 ? undefined : `HTTP ${res.statusCode}`));
        res.on('error', (e) => resolve(e.message));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve(e.message));
      req.end(body);
    });
  }
}
