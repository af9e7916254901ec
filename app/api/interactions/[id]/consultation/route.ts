import { currentUser } from '@/lib/auth/session';
import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { afterSeqSchema, sendMessageSchema } from '@/lib/interactions/core/schemas';
import { staffGate } from '@/lib/interactions/staff/staff-api';
import { consultationSend, consultationSince } from '@/lib/collaboration/consultation';
import { socketIdFrom } from '@/lib/realtime/socket-id';

/** T4: the chat's consultation thread (internal stream only): read from a seq, or send. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id, () => currentUser());
    const after = afterSeqSchema.parse(new URL(req.url).searchParams.get('after') ?? 0);
    return NextResponse.json({ messages: await consultationSince(user, interactionId, after) });
  });
}

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id, () => currentUser());
    const input = sendMessageSchema.parse(await readJson(req));
    const message = await consultationSend(user, interactionId, input, socketIdFrom(req));
    return NextResponse.json({ message });
  });
}
