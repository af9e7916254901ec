import 'server-only';
import type { db, Tx } from '@/lib/db';

/**
 * Ends every session of a user (security round 2, defect 5): each session token carries the
 * account's session version from sign-in (lib/auth.ts), and a token whose version is behind
 * opens nothing (activeStaff). Called on sign-out, password reset, role change and deactivation.
 */
export async function endSessions(client: Tx | typeof db, userId: string): Promise<void> {
  await client.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Whether a token's version claim matches the account's: a token without one is from before versions and is refused. */
export function sessionCurrent(accountVersion: number, tokenVersion: unknown): boolean {
  return typeof tokenVersion === 'number' && tokenVersion === accountVersion;
}
