import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact-api';
import { contactSend } from '@/lib/interactions/contact-chat';
import { sendMessageSchema } from '@/lib/interactions/schemas';

/** X8: send a message. A retry with the same clientId returns the stored message, never a copy. */
export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'write');
    const input = sendMessageSchema.parse(await readJson(req));
    const message = await contactSend(chatId, secret, input, req.headers.get('x-socket-id') ?? undefined);
    return NextResponse.json({ message });
  });
}
