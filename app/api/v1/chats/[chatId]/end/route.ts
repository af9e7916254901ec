import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact/contact-api';
import { contactEnd } from '@/lib/interactions/contact/contact-chat';

export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'write');
    await contactEnd(chatId, secret);
    return NextResponse.json({ ok: true });
  });
}
