/**
 * The Content-Security-Policy of every page: scripts only with this request's nonce (Next.js
 * puts it on its own scripts), no framing (but /widget by the allowed origins), WebSockets only to the realtime server.
 */
export function contentSecurityPolicy(opts: { nonce: string; dev: boolean; realtimeOrigins: string[]; frameAncestors?: string[] }) {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${opts.nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    // React sets style attributes at run time; styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...opts.realtimeOrigins],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    // Only the website widget's page (/widget) passes the admin's Allowed origins (issue 18).
    'frame-ancestors': opts.frameAncestors?.length ? opts.frameAncestors : ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** Where browsers open the realtime WebSocket (and pusher-js's HTTP fallbacks, unused here). */
export function realtimeOrigins(cfg: { wsHost?: string; wsPort?: number; forceTLS: boolean; cluster: string }): string[] {
  if (!cfg.wsHost) return [`wss://ws-${cfg.cluster}.pusher.com`, `https://sockjs-${cfg.cluster}.pusher.com`];
  const host = cfg.wsHost.includes(':') ? `[${cfg.wsHost}]` : cfg.wsHost;
  const port = cfg.wsPort ? `:${cfg.wsPort}` : '';
  return [`${cfg.forceTLS ? 'wss' : 'ws'}://${host}${port}`];
}
