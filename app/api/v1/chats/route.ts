import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { startGate } from '@/lib/interactions/contact/contact-api';
import { startChat } from '@/lib/interactions/contact/contact-chat';
import { startChatSchema } from '@/lib/interactions/core/schemas';

/** X8: start a chat. Answers the chat id and its secret; the secret is shown once, keep it. */
export async function POST(req: Request) {
  return handle(async () => {
    await startGate(req);
    const input = startChatSchema.parse(await readJson(req));
    const { chatId, secret } = await startChat(input);
    return NextResponse.json({ chatId, secret }, { status: 201 });
  });
}
