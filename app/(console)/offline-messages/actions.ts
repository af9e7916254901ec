'use server';

import { agentAction } from '@/lib/safe-action';
import { answerOfflineMessageByEmail, retryOfflineAnswerMail, takeOfflineMessage } from '@/lib/widget/offline-inbox';
import { offlineAnswerSchema, offlineIdSchema } from '@/lib/widget/offline-schemas';

// Issue 18: the Offline messages page, for agents and supervisors. Who owns a message is checked
// by the domain functions, in the statement that changes it.

export const takeOfflineMessageAction = agentAction
  .metadata({ name: 'takeOfflineMessage' })
  .inputSchema(offlineIdSchema)
  .action(async ({ parsedInput, ctx }) => takeOfflineMessage(ctx.user, parsedInput.id));

export const answerOfflineMessageAction = agentAction
  .metadata({ name: 'answerOfflineMessage' })
  .inputSchema(offlineAnswerSchema)
  .action(async ({ parsedInput, ctx }) => answerOfflineMessageByEmail(ctx.user, parsedInput.id, parsedInput.answer));

/** "Try again" on a failed answer mail (the owner or a supervisor). */
export const retryOfflineAnswerMailAction = agentAction
  .metadata({ name: 'retryOfflineAnswerMail' })
  .inputSchema(offlineIdSchema)
  .action(async ({ parsedInput, ctx }) => retryOfflineAnswerMail(ctx.user, parsedInput.id));
