import { NextResponse } from 'next/server';
import { requireUser } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { handle } from '@/lib/http';
import { interactionDetail, transcriptSince } from '@/lib/interactions/agent-chat';
import { afterSeqSchema, idSchema } from '@/lib/interactions/schemas';

/** One chat for staff: the whole view, or with ?after=N only the transcript after seq N (catch-up). */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const user = await requireUser();
    const id = idSchema.safeParse((await ctx.params).id);
    if (!id.success) throw new AppError('notFound');
    const after = new URL(req.url).searchParams.get('after');
    if (after !== null) return NextResponse.json({ messages: await transcriptSince(user, id.data, afterSeqSchema.parse(after)) });
    return NextResponse.json(await interactionDetail(user, id.data));
  });
}
