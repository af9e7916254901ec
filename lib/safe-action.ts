import 'server-only';
import { createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import type { ActiveStaff } from '@/lib/auth/active-staff';
import { isAppError, AppError, type ErrorCode } from '@/lib/errors';
import { logger } from '@/lib/log';
import type { Access, ChatNeed } from '@/lib/access/chat-access';
import { ADMINS, CHAT_STAFF, SUPERVISORS, assertRole, type StaffRole } from '@/lib/access/staff-roles';
import { requireStaffAccess } from '@/lib/interactions/core/access';
import { idSchema } from '@/lib/interactions/core/schemas';

export interface ActionError {
  code: ErrorCode | 'internal';
  message: string;
}

/**
 * Every server action: validated input (zod), a signed-in caller in ctx, and errors mapped to a
 * code the page can translate. Unexpected errors are logged (with the action's name) and shown as
 * a generic failure. Each action declares its name in metadata, as inbox-zero does, so logs say
 * which action failed.
 */
export const actionClient = createSafeActionClient({
  defaultValidationErrorsShape: 'flattened',
  defineMetadataSchema() {
    return z.object({ name: z.string() });
  },
  handleServerError(e, { metadata }): ActionError {
    if (isAppError(e)) return { code: e.code, message: e.message };
    logger.error('server action failed', {
      action: metadata?.name,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
    return { code: 'internal', message: 'Something went wrong' };
  },
});

/**
 * The role-shaped clients, for one session source: next-auth's (below, what every action uses), or
 * a test's. They speak the vocabulary of lib/access/ and share the route wrapper's rules
 * (lib/access/staff-route.ts withStaff): no session → unauthorized; a role outside the client's
 * set (staff-roles.ts) → forbidden; chatAction(need) → requireStaffAccess, the same chat rule as
 * withStaff({ chat: need }) (chat-access.ts).
 */
export function staffActionClients(resolveStaff: () => Promise<ActiveStaff | null>) {
  /** Any signed-in, active staff member. Prefer a role client below. */
  const staffAction = actionClient.use(async ({ next }) => {
    const user = await resolveStaff();
    if (!user) throw new AppError('unauthorized');
    return next({ ctx: { user } });
  });

  const roleAction = (roles: readonly StaffRole[]) =>
    staffAction.use(async ({ next, ctx }) => {
      assertRole(ctx.user, roles);
      return next({ ctx });
    });

  /** People who handle chats: agents, and supervisors (who can do all an agent does). */
  const agentAction = roleAction(CHAT_STAFF);

  /**
   * An action on one chat: the input carries `interactionId`, and the caller must have `need` on it
   * (read: a participant or a supervisor; act: a live owner/conference participant; own: the owner).
   * The access found is in ctx. Domain functions that take the caller check again (lib/access/README.md).
   */
  function chatAction(need: ChatNeed) {
    return agentAction.use(async ({ next, ctx, clientInput }) => {
      const id = (clientInput as { interactionId?: unknown } | null)?.interactionId;
      // Checked here, before the input schema runs: the id reaches the database in the access check.
      const parsed = idSchema.safeParse(id);
      if (!parsed.success) throw new AppError('invalidInput');
      const access: Access = await requireStaffAccess(ctx.user, parsed.data, need);
      return next({ ctx: { ...ctx, access } });
    });
  }

  return {
    staffAction,
    agentAction,
    /** The monitoring view: supervisors only (an admin is not a supervisor). */
    supervisorAction: roleAction(SUPERVISORS),
    /** Configuration and directory: admins only. */
    adminAction: roleAction(ADMINS),
    chatAction,
  };
}

export const { staffAction, agentAction, supervisorAction, adminAction, chatAction } = staffActionClients(() => currentUser());
