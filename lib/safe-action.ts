import 'server-only';
import { createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { isAppError, AppError, type ErrorCode } from '@/lib/errors';
import { logger } from '@/lib/log';
import { requireStaffAccess, type Access, type StaffRole } from '@/lib/interactions/core/access';
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

/** Any signed-in, active staff member. Prefer a role client below. */
export const staffAction = actionClient.use(async ({ next }) => {
  const user = await requireUser();
  return next({ ctx: { user } });
});

function roleAction(...roles: StaffRole[]) {
  return staffAction.use(async ({ next, ctx }) => {
    if (!roles.includes(ctx.user.role)) throw new AppError('forbidden');
    return next({ ctx });
  });
}

/** People who handle chats: agents, and supervisors (who can do all an agent does). */
export const agentAction = roleAction('AGENT', 'SUPERVISOR');
/** The monitoring view: supervisors only (an admin is not a supervisor). */
export const supervisorAction = roleAction('SUPERVISOR');
/** Configuration and directory: admins only. */
export const adminAction = roleAction('ADMIN');

/**
 * An action on one chat: the input carries `interactionId`, and the caller must have `need` on it
 * (read: a participant or a supervisor; act: a live owner/conference participant; own: the owner).
 * The access found is in ctx, so domain functions never re-check roles by hand.
 */
export function chatAction(need: 'read' | 'act' | 'own') {
  return agentAction.use(async ({ next, ctx, clientInput }) => {
    const id = (clientInput as { interactionId?: unknown } | null)?.interactionId;
    // Checked here, before the input schema runs: the id reaches the database in the access check.
    const parsed = idSchema.safeParse(id);
    if (!parsed.success) throw new AppError('invalidInput');
    const access: Access = await requireStaffAccess(ctx.user, parsed.data, need);
    return next({ ctx: { ...ctx, access } });
  });
}

