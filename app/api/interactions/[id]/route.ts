import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { interactionDetail, transcriptSince } from '@/lib/interactions/agent-chat';
import { afterSeqSchema } from '@/lib/interactions/schemas';
import { staffGate } from '@/lib/interactions/staff-api';

/** One chat for staff: the whole view, or with ?after=N only the transcript after seq N (catch-up). */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id);
    const after = new URL(req.url).searchParams.get('after');
    if (after !== null) return NextResponse.json({ messages: await transcriptSince(user, interactionId, afterSeqSchema.parse(after)) });
    return NextResponse.json(await interactionDetail(user, interactionId));
  });
}
