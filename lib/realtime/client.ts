'use client';

import Pusher from 'pusher-js';
import type { ChannelAuthorizationCallback, ChannelAuthorizationHandler } from 'pusher-js';
import type { RealtimeConfig } from './public-config';
import { SigninGate } from './signin-gate';
import { retryFailedSubscriptions } from './subscription-retry';

export type { RealtimeConfig };

const CHANNEL_AUTH = '/api/pusher/auth';

/**
 * One pusher-js connection per page; private channels are authorized by /api/pusher/auth.
 * Staff connections also sign in as their user, so sign-out and every revocation can close them
 * server-side; /api/pusher/auth grants a staff channel only to a socket signed in as the caller
 * (security round 2, defect 1), so a staff page asks for its channels once its socket is signed in.
 */
export function connectRealtime(config: RealtimeConfig, authParams?: Record<string, string>, opts: { staff?: boolean } = {}): Pusher {
  const gate = opts.staff ? new SigninGate() : null;
  const pusher = new Pusher(config.key, {
    cluster: config.cluster,
    ...(config.wsHost ? { wsHost: config.wsHost, wsPort: config.wsPort, wssPort: config.wsPort } : {}),
    forceTLS: config.forceTLS,
    enabledTransports: ['ws', 'wss'],
    disableStats: true,
    channelAuthorization: gate
      ? { customHandler: (params, cb) => void gate.wait(params.socketId).then(() => authorize(params, authParams, cb)) }
      : { endpoint: CHANNEL_AUTH, transport: 'ajax', params: authParams },
    userAuthentication: { endpoint: '/api/pusher/user-auth', transport: 'ajax' },
  });
  // A channel whose authorization failed while the app was restarting or shedding load is asked
  // for again (lib/realtime/subscription-retry.ts), instead of staying silent until a reload.
  retryFailedSubscriptions(pusher);
  if (gate) {
    let failures = 0;
    pusher.bind('pusher:signin_success', () => {
      failures = 0;
      gate.signedInAs(pusher.connection.socket_id);
    });
    // pusher-js does not sign in again after a failure (a 503 from a busy app, say): the page's
    // channels would then wait for the next reconnect. Try again with a back-off; the channels
    // wait meanwhile (up to the gate's timeout).
    pusher.user.bind('pusher:signin_error', () => {
      if (failures >= 5) return gate.reset();
      setTimeout(() => {
        if (pusher.connection.state !== 'connected') return;
        pusher.user.signin_requested = false;
        pusher.signin();
      }, 1000 * 2 ** failures++);
    });
    pusher.connection.bind('state_change', ({ current }: { current: string }) => current !== 'connected' && gate.reset());
    pusher.signin();
    reconnectAfterTermination(pusher);
  }
  return pusher;
}

/** What pusher-js's own ajax authorizer does: the form POST, the JSON answer or an error. */
function authorize(params: Parameters<ChannelAuthorizationHandler>[0], extra: Record<string, string> | undefined, cb: ChannelAuthorizationCallback): void {
  const body = new URLSearchParams({ ...extra, socket_id: params.socketId, channel_name: params.channelName });
  fetch(CHANNEL_AUTH, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, credentials: 'same-origin', cache: 'no-store' })
    .then(async (res) => {
      if (!res.ok) throw new Error(`Unable to retrieve auth string from channel-authorization endpoint - received status: ${res.status}`);
      cb(null, (await res.json()) as { auth: string; channel_data?: string });
    })
    .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e)), null));
}

/**
 * When staff leave a chat (or sign out), the app closes all their realtime connections
 * (terminate_connections, lib/realtime/revoke.ts): that is what cuts a private-chat-* subscription
 * server-side, on the built-in server and on hosted Pusher alike. pusher-js treats that close
 * (4009) as "do not reconnect"; a staff page that did not ask to disconnect reconnects itself a
 * moment later, and pusher-js re-authorizes each channel the page still holds — only those the
 * user may still see are granted. The page then catches up from the store, as after any reconnect.
 */
function reconnectAfterTermination(pusher: Pusher): void {
  let stopping = false;
  const disconnect = pusher.disconnect.bind(pusher);
  pusher.disconnect = () => {
    stopping = true;
    disconnect();
  };
  pusher.connection.bind('state_change', ({ current }: { current: string }) => {
    if (current !== 'disconnected' || stopping) return;
    setTimeout(() => {
      if (!stopping && pusher.connection.state === 'disconnected') pusher.connect();
    }, 500);
  });
}
