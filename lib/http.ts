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

const MAX_BODY = 16 * 1024;

/** Reads a JSON body with a size cap; malformed JSON is a clear 400, not a crash. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY) throw new AppError('invalidInput', 'request body too large');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalidInput', 'body is not valid JSON');
  }
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
