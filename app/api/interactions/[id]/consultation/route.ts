import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { NextResponse } from 'next/server';
import { readJson } from '@/lib/http';
import { afterSeqSchema, sendMessageSchema } from '@/lib/interactions/core/schemas';
import { consultationSend, consultationSince } from '@/lib/collaboration/consultation';
import { socketIdFrom } from '@/lib/realtime/socket-id';

/** T4: the chat's consultation thread (internal stream only): read from a seq, or send. */
export const GET = withStaff({ roles: CHAT_STAFF, chat: 'id' }, async (req, { user, interactionId }) => {
  const after = afterSeqSchema.parse(new URL(req.url).searchParams.get('after') ?? 0);
  return NextResponse.json({ messages: await consultationSince(user, interactionId, after) });
});

export const POST = withStaff({ roles: CHAT_STAFF, chat: 'id' }, async (req, { user, interactionId }) => {
  const input = sendMessageSchema.parse(await readJson(req));
  const message = await consultationSend(user, interactionId, input, socketIdFrom(req));
  return NextResponse.json({ message });
});
