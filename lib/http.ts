import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError, isAppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';

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

/**
 * Reads a JSON body with a size cap, stopping as soon as the cap is passed (a huge body is never
 * held in memory); a non-JSON content type or malformed JSON is a clear 400, not a crash.
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type');
  if (type && !/^application\/json\b/i.test(type)) throw new AppError('invalidInput', 'content type must be application/json');
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY) throw new AppError('invalidInput', 'request body too large');
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY) {
        await reader.cancel();
        throw new AppError('invalidInput', 'request body too large');
      }
      chunks.push(value);
    }
  }
  if (size === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('invalidInput', 'body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalidInput', 'body is not valid JSON');
  }
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
 * The caller's address for rate limits. Next.js fills X-Forwarded-For from the socket when the
 * request has none; behind a proxy we trust (TRUST_PROXY=true) the first entry is the client.
 * Without one the header can be forged, so public endpoints also have per-chat and global budgets.
 */
export function clientIp(req: Request): string {
  const fwd = req.headers.get('x-forwarded-for');
  if (!fwd) return 'unknown';
  const first = fwd.split(',')[0]!.trim().slice(0, 64);
  return env.TRUST_PROXY ? first : fwd.slice(0, 64);
}

export function bearer(req: Request): string | null {
  const h = req.headers.get('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}
