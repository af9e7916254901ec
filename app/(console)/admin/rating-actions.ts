'use server';

import { z } from 'zod';
import { updateSettings } from '@/lib/admin/settings-admin';
import { adminAction } from '@/lib/safe-action';

// Issue 18 (widget-mail): the admin's switch for the rating at the end. Admins only; audited by updateSettings.
export const saveRatingSettingsAction = adminAction
  .metadata({ name: 'admin.saveRatingSettings' })
  .inputSchema(z.strictObject({ ratingEnabled: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await updateSettings(ctx.user, parsedInput);
    return { ok: true as const };
  });
