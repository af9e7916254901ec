import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact-api';
import { contactTyping } from '@/lib/interactions/contact-chat';
import { typingSchema } from '@/lib/interactions/schemas';

export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'typing');
    const { typing } = typingSchema.parse(await readJson(req));
    await contactTyping(chatId, secret, typing, req.headers.get('x-socket-id') ?? undefined);
    return NextResponse.json({ ok: true });
  });
}
