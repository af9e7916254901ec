'use server';

import { adminAction } from '@/lib/safe-action';
import { businessHoursInputSchema } from '@/lib/widget/offline-schemas';
import { saveBusinessHours } from '@/lib/widget/hours-store';

/** The admin section "Business hours": per-queue schedules and the no-agent rule (issue 18). */
export const saveBusinessHoursAction = adminAction
  .metadata({ name: 'admin.saveBusinessHours' })
  .inputSchema(businessHoursInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    await saveBusinessHours(ctx.user, parsedInput);
    return { ok: true as const };
  });
