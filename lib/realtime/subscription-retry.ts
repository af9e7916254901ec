import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';

/**
 * How long to wait before asking again for a channel whose authorization failed, or null when
 * asking again cannot help. pusher-js gives up on a channel after one failed authorization and
 * tries again only after the whole connection drops; a page whose app instance was restarting,
 * shedding load (503, 429) or unreachable at that moment would then show no live update at all
 * until reloaded. A refusal (400, 401, 403, 404: the caller may not have that channel, or asked
 * wrongly) is final. Otherwise: exponential back-off from 1 s, capped at 30 s, with jitter so that
 * a restarted instance is not asked by every page in the same second.
 */
export function subscriptionRetryDelayMs(attempt: number, status: number | undefined, random: () => number = Math.random): number | null {
  const retryable = status === undefined || status === 0 || status === 408 || status === 429 || status >= 500;
  if (!retryable) return null;
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.max(0, Math.min(attempt, 5)));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The HTTP status of a failed channel authorization: pusher-js gives it as `status` for its own
 * request, and a custom authorizer (the staff pages', lib/realtime/client.ts) says it in the
 * message the way pusher-js does ("… received status: 403"). Undefined when there was no answer.
 */
export function authErrorStatus(error: { status?: number; error?: string } | undefined): number | undefined {
  if (typeof error?.status === 'number') return error.status;
  const m = /status:?\s*(\d{3})\b/.exec(error?.error ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Makes every channel of `pusher` ask again after a failed authorization that may pass (see
 * above), for as long as the page still holds that channel and the connection is up. Each
 * channel's `pusher:subscription_succeeded` then fires as usual, and the views catch up from the
 * store on it, so nothing said meanwhile is missed.
 */
export function retryFailedSubscriptions(pusher: Pusher, random: () => number = Math.random): void {
  const subscribe = pusher.subscribe.bind(pusher);
  const watched = new WeakSet<Channel>();
  pusher.subscribe = (name: string) => {
    // The channel object first, so the handlers are bound before the authorization is asked for
    // (a failure can be reported synchronously, inside subscribe).
    const channel = pusher.channels.add(name, pusher);
    if (watched.has(channel)) return subscribe(name);
    watched.add(channel);
    let attempt = 0;
    channel.bind('pusher:subscription_succeeded', () => {
      attempt = 0;
    });
    channel.bind('pusher:subscription_error', (error: { status?: number; error?: string } | undefined) => {
      const delay = subscriptionRetryDelayMs(attempt++, authErrorStatus(error), random);
      if (delay === null) return;
      setTimeout(() => {
        // Still held by the page (unsubscribe removes it), still not subscribed, and connected:
        // otherwise pusher-js subscribes it again itself on the next connection.
        if (pusher.channel(name) === channel && !channel.subscribed && pusher.connection.state === 'connected') subscribe(name);
      }, delay);
    });
    return subscribe(name);
  };
}
