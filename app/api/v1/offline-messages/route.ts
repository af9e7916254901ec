import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { budgetAddress, handle, readJson } from '@/lib/http';
import { rateLimit } from '@/lib/security/rate-limit';
import { submitOfflineMessage } from '@/lib/widget/offline-inbox';
import { offlineMessageSchema } from '@/lib/widget/offline-schemas';

/** Messages one email address may leave per hour (a retry with the same client key counts too). */
const PER_EMAIL_PER_HOUR = 10;

/**
 * Issue 18: the offline form (X8's contact API). Stores the message once per `clientKey` (a retry
 * answers the same id with 200) and routes it to the queue named, else the default one. Budgets:
 * per source address (as chat starts) and per email address.
 */
export async function POST(req: Request) {
  return handle(async () => {
    await rateLimit(`offline:${budgetAddress(req)}`, env.RATE_LIMIT_START_PER_MINUTE, 60);
    const input = offlineMessageSchema.parse(await readJson(req));
    await rateLimit(`offline-email:${input.email}`, PER_EMAIL_PER_HOUR, 3600);
    const { id, created } = await submitOfflineMessage(input);
    return NextResponse.json({ id }, { status: created ? 201 : 200 });
  });
}
