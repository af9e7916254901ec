import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { bearer, clientIp } from '@/lib/http';
import { rateLimit } from '@/lib/security/rate-limit';
import { idSchema } from './schemas';

/** Common gate of the contact API: a well-formed id, the chat's secret, and a per-chat budget. */
export async function contactGate(req: Request, rawChatId: string, bucket: 'read' | 'write' | 'typing') {
  const parsed = idSchema.safeParse(rawChatId);
  if (!parsed.success) throw new AppError('notFound');
  const secret = bearer(req);
  if (!secret) throw new AppError('unauthorized', 'missing chat secret (Authorization: Bearer …)');
  const perMinute = bucket === 'read' ? env.RATE_LIMIT_PUBLIC_PER_MINUTE * 2 : env.RATE_LIMIT_PUBLIC_PER_MINUTE;
  await rateLimit(`chat:${bucket}:${parsed.data}`, perMinute, 60);
  await rateLimit(`ip:${clientIp(req)}`, env.RATE_LIMIT_PUBLIC_PER_MINUTE * 50, 60);
  return { chatId: parsed.data, secret };
}
