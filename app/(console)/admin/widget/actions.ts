'use server';

import { z } from 'zod';
import { adminAction } from '@/lib/safe-action';
import { allowedOriginsSchema, rotateSiteSecret, saveAllowedOrigins } from '@/lib/widget/settings';
import { savePrechatInputSchema } from '@/lib/widget/prechat';
import { savePrechatForm } from '@/lib/widget/prechat-store';

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

/** The pre-chat form of one queue (issue 18): the case-data fields asked, which are required, the topic and language questions. */
export const savePrechatFormAction = adminAction
  .metadata({ name: 'admin.savePrechatForm' })
  .inputSchema(savePrechatInputSchema)
  .action(async ({ parsedInput, ctx }) => ({ form: await savePrechatForm(ctx.user, parsedInput) }));
