'use server';

import { db } from '@/lib/db';
import { disconnectUser } from '@/lib/realtime/server';
import { staffAction } from '@/lib/safe-action';

/** Signing out takes an agent out of routing (R3: Logged out) before the session ends. */
export const signOutAction = staffAction.metadata({ name: 'signOut' }).action(async ({ ctx }) => {
  if (ctx.user.role !== 'ADMIN') {
    await db.user.update({ where: { id: ctx.user.id }, data: { agentStatus: 'LOGGED_OUT', notReadyReason: null } });
  }
  await disconnectUser(ctx.user.id);
  return { ok: true };
});
