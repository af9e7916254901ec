import { AppError } from '@/lib/errors';

// The staff roles (User.role) and the role sets every lane names: the route wrapper
// (lib/access/staff-route.ts, withStaff), the action clients (lib/safe-action.ts), pages
// (requirePageRole) and the domain functions that keep a role check (see README.md here).

export type StaffRole = 'AGENT' | 'SUPERVISOR' | 'ADMIN';

/** A signed-in staff member, as far as access rules care. */
export interface Staff {
  id: string;
  role: StaffRole;
}

/** Every signed-in staff member, whatever the role (their realtime sign-in). */
export const ANY_STAFF = ['AGENT', 'SUPERVISOR', 'ADMIN'] as const satisfies readonly StaffRole[];

/** People who handle chats: agents, and supervisors (who can do all an agent does). */
export const CHAT_STAFF = ['AGENT', 'SUPERVISOR'] as const satisfies readonly StaffRole[];

/** The monitoring view and the reports: supervisors only (an admin is not a supervisor). */
export const SUPERVISORS = ['SUPERVISOR'] as const satisfies readonly StaffRole[];

/** Configuration and directory: admins only. */
export const ADMINS = ['ADMIN'] as const satisfies readonly StaffRole[];

export function hasRole(user: Pick<Staff, 'role'>, roles: readonly StaffRole[]): boolean {
  return roles.includes(user.role);
}

/** The caller must hold one of `roles`: otherwise `forbidden` (403). */
export function assertRole(user: Pick<Staff, 'role'>, roles: readonly StaffRole[]): void {
  if (!hasRole(user, roles)) throw new AppError('forbidden');
}
