'use client';

import Pusher from 'pusher-js';
import type { RealtimeConfig } from './public-config';
import { retryFailedSubscriptions } from './subscription-retry';

export type { RealtimeConfig };

/**
 * One pusher-js connection per page; private channels are authorized by /api/pusher/auth.
 * Staff connections also sign in as their user, so sign-out can close them server-side.
 */
export function connectRealtime(config: RealtimeConfig, authParams?: Record<string, string>, opts: { staff?: boolean } = {}): Pusher {
  const pusher = new Pusher(config.key, {
    cluster: config.cluster,
    ...(config.wsHost ? { wsHost: config.wsHost, wsPort: config.wsPort, wssPort: config.wsPort } : {}),
    forceTLS: config.forceTLS,
    enabledTransports: ['ws', 'wss'],
    disableStats: true,
    channelAuthorization: { endpoint: '/api/pusher/auth', transport: 'ajax', params: authParams },
    userAuthentication: { endpoint: '/api/pusher/user-auth', transport: 'ajax' },
  });
  // A channel whose authorization failed while the app was restarting or shedding load is asked
  // for again (lib/realtime/subscription-retry.ts), instead of staying silent until a reload.
  retryFailedSubscriptions(pusher);
  if (opts.staff) {
    pusher.signin();
    reconnectAfterTermination(pusher);
  }
  return pusher;
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
