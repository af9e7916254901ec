import { NextResponse } from 'next/server';
import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { myConsultations } from '@/lib/collaboration/consultation';

/** T4: the consultations the signed-in agent is consulted on (their console's side panels). */
export const GET = withStaff({ roles: CHAT_STAFF }, async (_req, { user }) => NextResponse.json({ consultations: await myConsultations(user) }));
