import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data, 'utf8').digest('hex');
}

export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** Constant-time string comparison; the length check leaks only the length, which is public (hex digest). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Verifies a `key:signature` token over `payload`. */
function verifyToken(key: string, secret: string, token: unknown, payload: string): boolean {
  if (typeof token !== 'string') return false;
  const colon = token.indexOf(':');
  if (colon < 0) return false;
  // Evaluate both comparisons so a wrong key costs the same time as a wrong signature.
  const keyOk = safeEqual(token.slice(0, colon), key);
  const sigOk = safeEqual(token.slice(colon + 1), hmacHex(secret, payload));
  return keyOk && sigOk;
}

/** Private/presence/encrypted channel auth: HMAC over `socket_id:channel[:channel_data]`. */
export function verifyChannelAuth(
  key: string, secret: string, socketId: string, channel: string, auth: unknown, channelData?: string,
): boolean {
  const payload = channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
  return verifyToken(key, secret, auth, payload);
}

/** User sign-in auth: HMAC over `socket_id::user::user_data`. */
export function verifyUserAuth(key: string, secret: string, socketId: string, auth: unknown, userData: string): boolean {
  return verifyToken(key, secret, auth, `${socketId}::user::${userData}`);
}

export const MAX_TIMESTAMP_SKEW_SEC = 600;

export type HttpAuthResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks an HTTP API request exactly as hosted Pusher does: key, version,
 * timestamp window, body MD5 and the HMAC over `METHOD\nPATH\nsorted query`.
 */
export function verifyHttpRequest(opts: {
  key: string; secret: string; method: string; path: string;
  query: URLSearchParams; body: Buffer; nowSec?: number;
}): HttpAuthResult {
  const params = new Map<string, string>();
  for (const [k, v] of opts.query) params.set(k.toLowerCase(), v);
  const signature = params.get('auth_signature');
  params.delete('auth_signature');

  if (!signature) return { ok: false, reason: 'Missing auth_signature' };
  const authKey = params.get('auth_key');
  if (!authKey || !safeEqual(authKey, opts.key)) return { ok: false, reason: 'Invalid auth_key' };
  if (params.get('auth_version') !== '1.0') return { ok: false, reason: 'Invalid auth_version, expected 1.0' };
  const ts = Number(params.get('auth_timestamp'));
  const now = opts.nowSec ?? Date.now() / 1000;
  if (!Number.isFinite(ts) || Math.abs(now - ts) > MAX_TIMESTAMP_SKEW_SEC) {
    return { ok: false, reason: `Timestamp expired: given ${params.get('auth_timestamp')}, server time ${Math.floor(now)}` };
  }
  if (opts.body.length > 0) {
    const md5 = params.get('body_md5');
    if (!md5 || !safeEqual(md5.toLowerCase(), md5Hex(opts.body))) return { ok: false, reason: 'Invalid body_md5' };
  }
  const query = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const expected = hmacHex(opts.secret, `${opts.method.toUpperCase()}\n${opts.path}\n${query}`);
  if (!safeEqual(signature.toLowerCase(), expected)) return { ok: false, reason: 'Invalid signature' };
  return { ok: true };
}
