import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact-api';
import { contactChatState } from '@/lib/interactions/contact-chat';
import { afterSeqSchema } from '@/lib/interactions/schemas';

/** X8: the chat's status and its contact-visible transcript after `after` (a seq). */
export async function GET(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'read');
    const after = afterSeqSchema.parse(new URL(req.url).searchParams.get('after') ?? undefined);
    return NextResponse.json(await contactChatState(chatId, secret, after));
  });
}
