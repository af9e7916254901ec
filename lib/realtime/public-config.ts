import 'server-only';
import { env } from '@/lib/env';

/** What a browser needs to open the WebSocket; never the secret. */
export interface RealtimeConfig {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
}

export function realtimeConfig(): RealtimeConfig {
  const host = env.PUSHER_PUBLIC_HOST ?? env.PUSHER_HOST;
  const port = env.PUSHER_PUBLIC_PORT ?? env.PUSHER_PORT;
  return {
    key: env.PUSHER_KEY,
    cluster: env.PUSHER_CLUSTER,
    ...(host ? { wsHost: host, wsPort: port } : {}),
    forceTLS: env.PUSHER_PUBLIC_TLS ?? env.PUSHER_USE_TLS,
  };
}
