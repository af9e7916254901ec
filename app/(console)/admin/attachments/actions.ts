'use server';

import { adminAction } from '@/lib/safe-action';
import { attachmentSettingsSchema, updateAttachmentSettings } from '@/lib/attachments/settings';

/** The admin section "Attachments": limits on files in chats. */
export const saveAttachmentSettingsAction = adminAction
  .metadata({ name: 'admin.saveAttachmentSettings' })
  .inputSchema(attachmentSettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateAttachmentSettings(ctx.user, parsedInput);
    return { ok: true as const };
  });
