import { currentUser } from '@/lib/auth/session';
import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { internalSend, internalSince } from '@/lib/interactions/staff/internal-stream';
import { afterSeqSchema } from '@/lib/interactions/core/schemas';
import { staffGate } from '@/lib/interactions/staff/staff-api';
import { internalSendSchema } from '@/lib/supervisor/schemas';
import { socketIdFrom } from '@/lib/realtime/socket-id';

/** The chat's internal stream (coaching, consultation) after seq N: staff only, never the contact. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id, () => currentUser());
    const after = afterSeqSchema.parse(new URL(req.url).searchParams.get('after') ?? 0);
    return NextResponse.json({ messages: await internalSince(user, interactionId, after) });
  });
}

/** A message on the internal stream (a coach to the agent, the agent's private answer). */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id, () => currentUser());
    const input = internalSendSchema.parse(await readJson(req));
    const message = await internalSend(user, interactionId, input, socketIdFrom(req));
    return NextResponse.json({ message });
  });
}
