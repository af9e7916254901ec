import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact/contact-api';
import { contactWait } from '@/lib/widget/wait';

/** Issue 18: the waiting contact's position and estimated wait ({ kind: 'fewMinutes' } with too little history). */
export async function GET(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'read');
    return NextResponse.json(await contactWait(chatId, secret), { headers: { 'cache-control': 'no-store' } });
  });
}
