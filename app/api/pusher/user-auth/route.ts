import { NextResponse } from 'next/server';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { handle, readForm } from '@/lib/http';
import { pusherClient } from '@/lib/realtime/server';

// Pusher user sign-in for staff connections: it ties a socket to the user, so that signing
// out (or deactivation) can cut every live connection of theirs (terminate_connections).
const body = z.object({ socket_id: z.string().regex(/^\d+\.\d+$/) });

export async function POST(req: Request) {
  return handle(async () => {
    const user = await requireUser();
    const { socket_id } = body.parse(await readForm(req));
    return NextResponse.json(pusherClient().authenticateUser(socket_id, { id: user.id }));
  });
}
