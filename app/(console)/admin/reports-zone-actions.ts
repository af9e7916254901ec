'use server';

import { updateSettings } from '@/lib/admin/settings-admin';
import { reportsZoneSchema } from '@/lib/reports/zone-setting';
import { adminAction } from '@/lib/safe-action';

// Issue 20: the admin's default time zone for reports. Admins only; audited by updateSettings.
export const saveReportsTimeZoneAction = adminAction
  .metadata({ name: 'admin.saveReportsTimeZone' })
  .inputSchema(reportsZoneSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateSettings(ctx.user, parsedInput);
    return { ok: true as const };
  });
