import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { clientIp, handle, readJson } from '@/lib/http';
import { startChat } from '@/lib/interactions/contact-chat';
import { startChatSchema } from '@/lib/interactions/schemas';
import { rateLimit } from '@/lib/security/rate-limit';

/** X8: start a chat. Answers the chat id and its secret; the secret is shown once, keep it. */
export async function POST(req: Request) {
  return handle(async () => {
    await rateLimit(`start:${clientIp(req)}`, env.RATE_LIMIT_START_PER_MINUTE, 60);
    await rateLimit('start:all', env.RATE_LIMIT_START_PER_MINUTE * 50, 60);
    const input = startChatSchema.parse(await readJson(req));
    const { chatId, secret } = await startChat(input);
    return NextResponse.json({ chatId, secret }, { status: 201 });
  });
}
