import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, isAppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { PEER_ADDRESS_HEADER } from '@/lib/security/http-server-hooks';
import { addressKey } from '@/lib/fast-lane/limits';

/** Route handlers answer errors the same way: a code, a safe message, the right status. */
export function errorResponse(e: unknown) {
  if (e instanceof z.ZodError) {
    return NextResponse.json({ error: { code: 'invalidInput', message: e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') } }, { status: 400 });
  }
  if (isAppError(e)) return NextResponse.json({ error: { code: e.code, message: e.message } }, { status: e.status });
  logger.error('unhandled route error', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return NextResponse.json({ error: { code: 'internal', message: 'Something went wrong' } }, { status: 500 });
}

export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    return errorResponse(e);
  }
}

export const MAX_BODY = 16 * 1024;
/** Realtime authorization forms (`socket_id`, `channel_name`, a chat id and secret): small. */
export const MAX_AUTH_BODY = 4 * 1024;
/**
 * Webhooks from the realtime server: up to 100 events per request (realtime-server/webhooks.ts),
 * each a few hundred bytes; client events (up to 10 KB each) are off unless an app enables them.
 */
export const MAX_WEBHOOK_BODY = 256 * 1024;

/**
 * Reads a body with a size cap before anything looks at it, stopping as soon as the cap is passed
 * (a huge body is never held in memory, and a declared Content-Length over the cap is refused
 * before reading at all). Over the cap, or not UTF-8: a clear 400.
 */
export async function readText(req: Request, maxBytes: number): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) throw new AppError('invalidInput', 'request body too large');
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new AppError('invalidInput', 'request body too large');
      }
      chunks.push(value);
    }
  }
  if (size === 0) return '';
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('invalidInput', 'body is not valid UTF-8');
  }
}

/**
 * Reads a JSON body with a size cap (see readText); a non-JSON content type or malformed JSON is
 * a clear 400, not a crash.
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type');
  if (type && !/^application\/json\b/i.test(type)) throw new AppError('invalidInput', 'content type must be application/json');
  const text = await readText(req, MAX_BODY);
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalidInput', 'body is not valid JSON');
  }
}

/** A form-encoded body (what pusher-js posts to the authorization endpoints), capped. */
export async function readForm(req: Request, maxBytes = MAX_AUTH_BODY): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await readText(req, maxBytes)));
}

/**
 * Staff routes authenticate by cookie, so a cross-site page must not be able to post to them:
 * a browser's Origin (always sent on POST) must be this site. SameSite=Lax cookies are the
 * first line; this is the second.
 */
export function assertSameOrigin(req: Request) {
  const origin = req.headers.get('origin');
  if (!origin) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('forbidden', 'bad origin');
  }
  if (!host || originHost !== host) throw new AppError('forbidden', 'cross-site request refused');
}

/**
 * The caller's address for rate limits (the "source" of per-source budgets).
 *
 * - Behind a proxy we trust (TRUST_PROXY=true): the LAST X-Forwarded-For entry, the one our proxy
 *   appended from the connection it received. Entries before it came from the client and can be
 *   anything, so they are never used.
 * - Otherwise: the TCP peer address, which lib/security/http-server-hooks.ts stamps on every
 *   request (overwriting any client-sent header of that name). X-Forwarded-For is then whatever
 *   the client chose to send (Next.js fills it from the socket only when absent), so it is ignored:
 *   a client forging a new address per request still spends one budget, and its per-source limit
 *   refuses it long before it could spend the global one.
 */
export function clientIp(req: Request): string {
  return sourceAddress(req.headers, env.TRUST_PROXY);
}

/**
 * The key of a per-address budget: the client address, IPv6 by its /64 (one host commonly holds
 * a whole /64, so keying on the full address would give it 2^64 budgets). Security round 2.
 */
export function budgetAddress(req: Request): string {
  return budgetKey(req.headers, env.TRUST_PROXY);
}

export function budgetKey(headers: Headers, trustProxy: boolean): string {
  return addressKey(sourceAddress(headers, trustProxy));
}

export function sourceAddress(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = headers.get('x-forwarded-for');
    const last = fwd?.split(',').at(-1)?.trim();
    if (last) return last.slice(0, 64);
  } else {
    const peer = headers.get(PEER_ADDRESS_HEADER);
    if (peer) return peer.slice(0, 64);
  }
  // No proxy header, or the hooks are not installed (e.g. another server): the address Next.js
  // put in X-Forwarded-For, which is the socket's when the client sent none.
  return headers.get('x-forwarded-for')?.slice(0, 64) || 'unknown';
}

export function bearer(req: Request): string | null {
  const h = req.headers.get('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}
