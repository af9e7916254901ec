import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { NextResponse } from 'next/server';
import { readJson } from '@/lib/http';
import { internalSend, internalSince } from '@/lib/interactions/staff/internal-stream';
import { afterSeqSchema } from '@/lib/interactions/core/schemas';
import { internalSendSchema } from '@/lib/supervisor/schemas';
import { socketIdFrom } from '@/lib/realtime/socket-id';

/** The chat's internal stream (coaching, consultation) after seq N: staff only, never the contact. */
export const GET = withStaff({ roles: CHAT_STAFF, chat: 'id' }, async (req, { user, interactionId }) => {
  const after = afterSeqSchema.parse(new URL(req.url).searchParams.get('after') ?? 0);
  return NextResponse.json({ messages: await internalSince(user, interactionId, after) });
});

/** A message on the internal stream (a coach to the agent, the agent's private answer). */
export const POST = withStaff({ roles: CHAT_STAFF, chat: 'id' }, async (req, { user, interactionId }) => {
  const input = internalSendSchema.parse(await readJson(req));
  const message = await internalSend(user, interactionId, input, socketIdFrom(req));
  return NextResponse.json({ message });
});
