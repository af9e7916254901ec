import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { agentTyping } from '@/lib/interactions/agent-chat';
import { typingSchema } from '@/lib/interactions/schemas';
import { staffGate } from '@/lib/interactions/staff-api';

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id);
    const { typing } = typingSchema.parse(await readJson(req));
    await agentTyping(user, interactionId, typing, req.headers.get('x-socket-id') ?? undefined);
    return NextResponse.json({ ok: true });
  });
}
