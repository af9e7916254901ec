import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { NextResponse } from 'next/server';
import { helpRequested, supervisionOf } from '@/lib/supervisor/supervision';

/** For the chat's agent: whether to show "being monitored" (only if the admin allows) and the help flag. */
export const GET = withStaff({ roles: CHAT_STAFF, chat: 'read' }, async (_req, { interactionId }) => {
  const [s, help] = await Promise.all([supervisionOf(interactionId), helpRequested(interactionId)]);
  return NextResponse.json({ monitored: s.monitored, helpRequested: help });
});
