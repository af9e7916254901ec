import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { activeStaff } from '@/lib/auth/active-staff';
import { authOptions } from '@/lib/auth/options';
import { hasRole, type Staff, type StaffRole } from '@/lib/access/staff-roles';

// Who is signed in, for pages, actions (lib/safe-action.ts) and route handlers (lib/access/with-staff.ts) (the fast lane decodes the same cookie
// itself: lib/auth/session-token.ts).

export interface SessionUser extends Staff {
  name: string;
  email: string;
}

/** The signed-in, still-active staff member, or null (read once per page render: the layout and page share it). */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const u = session?.user as (Partial<SessionUser> & { sv?: unknown }) | undefined;
  if (!u?.id) return null;
  return activeStaff(u.id, u.sv);
});

export function homeFor(role: StaffRole): string {
  return role === 'ADMIN' ? '/admin' : role === 'SUPERVISOR' ? '/supervisor' : '/agent';
}

/** For pages: the signed-in user with one of these roles; others go to sign-in or their own home. */
export async function requirePageRole(...roles: StaffRole[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (!hasRole(user, roles)) redirect(homeFor(user.role));
  return user;
}
