import { NextResponse } from 'next/server';
import { z } from 'zod';
import { ANY_STAFF } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { readForm } from '@/lib/http';
import { pusherClient } from '@/lib/realtime/server';

// Pusher user sign-in for staff connections: it ties a socket to the user, so that signing
// out (or deactivation) can cut every live connection of theirs (terminate_connections).
const body = z.object({ socket_id: z.string().regex(/^\d+\.\d+$/) });

export const POST = withStaff({ roles: ANY_STAFF }, async (req, { user }) => {
  const { socket_id } = body.parse(await readForm(req));
  return NextResponse.json(pusherClient().authenticateUser(socket_id, { id: user.id }));
});
