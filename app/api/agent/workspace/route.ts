import { NextResponse } from 'next/server';
import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { workspace } from '@/lib/interactions/staff/agent-views';

export const GET = withStaff({ roles: CHAT_STAFF }, async (_req, { user }) => NextResponse.json(await workspace(user)));
