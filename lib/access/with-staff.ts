import 'server-only';
import { currentUser } from '@/lib/auth/session';
import { staffRoute, type ChatRule, type StaffResolver, type StaffRoute, type StaffRouteContext, type StaffRouteOptions } from './staff-route';

/** The caller of a Next.js request: next-auth's session (lib/auth/session.ts currentUser). */
export const nextSession: StaffResolver = () => currentUser();

/**
 * A Next.js route handler for staff: `withStaff({ roles, chat? }, handler)` checks origin,
 * session, role and (with `chat`) the chat, then hands the handler `{ user, params,
 * interactionId?, access? }`. See staff-route.ts for the order and the answers.
 */
export function withStaff<C extends ChatRule | undefined = undefined>(
  opts: StaffRouteOptions<C>,
  handler: (req: Request, ctx: StaffRouteContext<C>) => Promise<Response>,
): StaffRoute {
  return staffRoute({ ...opts, resolve: nextSession }, handler);
}
