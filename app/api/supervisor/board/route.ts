import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { boardSnapshot } from '@/lib/supervisor/board-data';
import { supervisorGate } from '@/lib/supervisor/gate';
import { monitorNextList, mySessions } from '@/lib/supervisor/supervision';

/**
 * The whole board from the store (S1, S2), with the caller's own supervision sessions and
 * monitor-next list: the page's catch-up after a reconnect.
 */
export async function GET(req: Request) {
  return handle(async () => {
    const user = await supervisorGate(req);
    const [snapshot, sessions, monitorNext] = await Promise.all([boardSnapshot(), mySessions(user), monitorNextList(user)]);
    return NextResponse.json({ ...snapshot, me: { sessions, monitorNext } });
  });
}
