'use client';

import Pusher from 'pusher-js';
import type { RealtimeConfig } from './public-config';

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
  if (opts.staff) pusher.signin();
  return pusher;
}
