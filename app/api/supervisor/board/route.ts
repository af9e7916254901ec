import { NextResponse } from 'next/server';
import { SUPERVISORS } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { boardSnapshot } from '@/lib/supervisor/board-data';
import { monitorNextList, mySessions } from '@/lib/supervisor/supervision';

/**
 * The whole board from the store (S1, S2), with the caller's own supervision sessions and
 * monitor-next list: the page's catch-up after a reconnect.
 */
export const GET = withStaff({ roles: SUPERVISORS }, async (_req, { user }) => {
  const [snapshot, sessions, monitorNext] = await Promise.all([boardSnapshot(), mySessions(user), monitorNextList(user)]);
  return NextResponse.json({ ...snapshot, me: { sessions, monitorNext } });
});
