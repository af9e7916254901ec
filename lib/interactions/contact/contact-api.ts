import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { bearer, budgetAddress } from '@/lib/http';
import { rateLimit } from '@/lib/security/rate-limit';
import { hotBudgets } from '@/lib/security/rate-budget';
import { hashSecret } from '../core/access';
import { idSchema } from '../core/schemas';

/**
 * Common gate of the contact API: a per-address budget, a well-formed id, a secret present, and
 * a per-chat budget keyed by that secret too — so a stranger who knows a chat id but not its
 * secret only spends a budget of their own, never the contact's. (The secret itself is checked
 * by the domain function, in the query that reads the chat.)
 */
export async function contactGate(req: Request, rawChatId: string, bucket: 'read' | 'write' | 'typing') {
  const parsed = idSchema.safeParse(rawChatId);
  if (!parsed.success) throw new AppError('notFound');
  const secret = bearer(req);
  if (!secret) throw new AppError('unauthorized', 'missing chat secret (Authorization: Bearer …)');
  const perMinute = bucket === 'read' ? env.RATE_LIMIT_PUBLIC_PER_MINUTE * 2 : env.RATE_LIMIT_PUBLIC_PER_MINUTE;
  // Counted in memory and shared through PostgreSQL in aggregate (lib/security/rate-budget.ts).
  await hotBudgets().take([
    { key: `ip:${budgetAddress(req)}`, limit: env.RATE_LIMIT_PUBLIC_PER_MINUTE * 50, windowSec: 60 },
    { key: `chat:${bucket}:${parsed.data}:${hashSecret(secret).slice(0, 16)}`, limit: perMinute, windowSec: 60 },
  ]);
  return { chatId: parsed.data, secret };
}

/**
 * Gate of chat starts: a budget per source (the caller's address, see budgetAddress) and a global one
 * across all sources. The per-source budget is counted and checked first, in its own statement, so
 * a refused start never spends the global budget: one client can use at most its own share of
 * it, however many addresses it writes into X-Forwarded-For (without TRUST_PROXY the source is
 * the TCP peer; with it, the address our proxy appended).
 */
export async function startGate(req: Request): Promise<void> {
  await rateLimit(`start:${budgetAddress(req)}`, env.RATE_LIMIT_START_PER_MINUTE, 60);
  await rateLimit('start:all', env.RATE_LIMIT_START_PER_MINUTE * 50, 60);
}
