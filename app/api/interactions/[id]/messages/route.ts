import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { agentSend } from '@/lib/interactions/agent-chat';
import { sendMessageSchema } from '@/lib/interactions/schemas';
import { staffGate } from '@/lib/interactions/staff-api';

/**
 * An agent's message. Messaging is the hot path, so it is a plain route handler (like the
 * contact API) rather than a server action; the rest of the agent's actions are server actions.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id);
    const input = sendMessageSchema.parse(await readJson(req));
    const message = await agentSend(user, interactionId, input, req.headers.get('x-socket-id') ?? undefined);
    return NextResponse.json({ message });
  });
}
