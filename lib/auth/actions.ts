'use server';

import { db } from '@/lib/db';
import { disconnectUser } from '@/lib/realtime/server';
import { staffAction } from '@/lib/safe-action';
import { endSessions } from './session-version';

/**
 * Signing out takes an agent out of routing (R3: Logged out) and ends every session of this
 * user (the session version moves on), so a copied session cookie opens nothing afterwards.
 */
export const signOutAction = staffAction.metadata({ name: 'signOut' }).action(async ({ ctx }) => {
  if (ctx.user.role !== 'ADMIN') {
    await db.user.update({ where: { id: ctx.user.id }, data: { agentStatus: 'LOGGED_OUT', notReadyReason: null } });
  }
  await endSessions(db, ctx.user.id);
  await disconnectUser(ctx.user.id);
  return { ok: true };
});
