import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact/contact-api';
import { rateChatSchema } from '@/lib/widget/after-chat-input';
import { rateChat } from '@/lib/widget/after-chat';

/** Issue 18 (CSAT): rate an ended chat, once, with its secret. A replay answers 409 and changes nothing. */
export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'write');
    await rateChat(chatId, secret, rateChatSchema.parse(await readJson(req)));
    return NextResponse.json({ ok: true });
  });
}
