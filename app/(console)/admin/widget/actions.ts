'use server';

import { z } from 'zod';
import { adminAction } from '@/lib/safe-action';
import { allowedOriginsSchema, rotateSiteSecret, saveAllowedOrigins } from '@/lib/widget/settings';

/** The admin section "Website widget": the origins that may embed the chat (one per line in the form). */
export const saveWidgetOriginsAction = adminAction
  .metadata({ name: 'admin.saveWidgetOrigins' })
  .inputSchema(z.object({ allowedOrigins: allowedOriginsSchema }).strict())
  .action(async ({ parsedInput, ctx }) => {
    const allowedOrigins = await saveAllowedOrigins(ctx.user, parsedInput.allowedOrigins);
    return { allowedOrigins };
  });

/** Makes a new identity secret (the old one stops verifying at once); the answer is its only showing. */
export const rotateWidgetSecretAction = adminAction
  .metadata({ name: 'admin.rotateWidgetSecret' })
  .inputSchema(z.object({}).strict())
  .action(async ({ ctx }) => rotateSiteSecret(ctx.user));
