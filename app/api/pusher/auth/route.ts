import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { handle, readForm } from '@/lib/http';
import { requireContact } from '@/lib/interactions/core/access';
import { CONTACT_PRESENCE_USER, parseChannel } from '@/lib/realtime/channels';
import { authorizeChannel } from '@/lib/realtime/server';
import { staffMayHear } from '@/lib/realtime/channel-access';
import { requireSignedInSocket } from '@/lib/realtime/staff-socket';

// Every private and presence channel is authorized here, and only here.
const body = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/),
  channel_name: z.string().max(164),
  chat_id: z.string().max(64).optional(),
  chat_secret: z.string().max(200).optional(),
});

export async function POST(req: Request) {
  return handle(async () => {
    const form = await readForm(req);
    const { socket_id, channel_name, chat_id, chat_secret } = body.parse(form);
    const channel = parseChannel(channel_name);
    if (!channel) throw new AppError('forbidden');

    // The contact: their own chat's contact-visible channel and presence channel, nothing else.
    if (chat_secret !== undefined) {
      if (!chat_id || !('interactionId' in channel) || channel.interactionId !== chat_id) throw new AppError('forbidden');
      await requireContact(chat_id, chat_secret);
      if (channel.kind === 'chat') return NextResponse.json(authorizeChannel(socket_id, channel_name));
      if (channel.kind === 'contactPresence') {
        return NextResponse.json(authorizeChannel(socket_id, channel_name, { user_id: CONTACT_PRESENCE_USER }));
      }
      throw new AppError('forbidden');
    }

    const user = await currentUser();
    if (!user) throw new AppError('unauthorized');
    const allowed = await staffMayHear(user, channel);
    if (!allowed) throw new AppError('forbidden');
    // Only a socket signed in as this user, which terminate_connections can cut on revocation
    // (security round 2, defect 1; lib/realtime/staff-socket.ts).
    await requireSignedInSocket(user.id, socket_id);
    return NextResponse.json(authorizeChannel(socket_id, channel_name));
  });
}
