import { currentUser } from '@/lib/auth/session';
import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { requireStaffAccess } from '@/lib/interactions/core/access';
import { staffGate } from '@/lib/interactions/staff/staff-api';
import { helpRequested, supervisionOf } from '@/lib/supervisor/supervision';

/** For the chat's agent: whether to show "being monitored" (only if the admin allows) and the help flag. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id, () => currentUser());
    await requireStaffAccess(user, interactionId, 'read');
    const [s, help] = await Promise.all([supervisionOf(interactionId), helpRequested(interactionId)]);
    return NextResponse.json({ monitored: s.monitored, helpRequested: help });
  });
}
