import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact/contact-api';
import { afterChatState } from '@/lib/widget/after-chat';

/** Issue 18: what the contact may do after the end (rating asked and given, the transcript mail). */
export async function GET(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'read');
    return NextResponse.json(await afterChatState(chatId, secret), { headers: { 'cache-control': 'no-store' } });
  });
}
