import 'server-only';
import { createSafeActionClient } from 'next-safe-action';
import { requireUser } from '@/lib/auth';
import { isAppError, type ErrorCode } from '@/lib/errors';
import { logger } from '@/lib/log';

export interface ActionError {
  code: ErrorCode | 'internal';
  message: string;
}

/**
 * Every server action: validated input (zod), a signed-in caller in ctx, and errors mapped to a
 * code the page can translate. Unexpected errors are logged and shown as a generic failure.
 */
export const actionClient = createSafeActionClient({
  defaultValidationErrorsShape: 'flattened',
  handleServerError(e): ActionError {
    if (isAppError(e)) return { code: e.code, message: e.message };
    logger.error('server action failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return { code: 'internal', message: 'Something went wrong' };
  },
});

export const staffAction = actionClient.use(async ({ next }) => {
  const user = await requireUser();
  return next({ ctx: { user } });
});
