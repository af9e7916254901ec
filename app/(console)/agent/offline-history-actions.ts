'use server';

import { z } from 'zod';
import { chatAction } from '@/lib/safe-action';
import { idSchema } from '@/lib/interactions/core/schemas';
import { contactOfflineHistory } from '@/lib/widget/offline-inbox';

/** A12 (issue 18): the offline messages of the contact behind a chat the caller may read, with their answers. */
export const contactOfflineHistoryAction = chatAction('read')
  .metadata({ name: 'contactOfflineHistory' })
  .inputSchema(z.object({ interactionId: idSchema }))
  .action(async ({ parsedInput, ctx }) => contactOfflineHistory(ctx.user, parsedInput.interactionId));
