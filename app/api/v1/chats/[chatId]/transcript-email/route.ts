import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact/contact-api';
import { transcriptEmailSchema } from '@/lib/widget/after-chat-input';
import { emailTranscript } from '@/lib/widget/after-chat';

/** Issue 18: queue the ended chat's transcript (what the contact saw) to an address, through the mail outbox. */
export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, (await ctx.params).chatId, 'write');
    return NextResponse.json(await emailTranscript(chatId, secret, transcriptEmailSchema.parse(await readJson(req))), { status: 202 });
  });
}
