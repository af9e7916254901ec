'use server';

import { chatAction } from '@/lib/safe-action';
import { helpRequestSchema } from '@/lib/supervisor/schemas';
import { setHelpRequest } from '@/lib/supervisor/supervision';

/** S7: the chat's agent asks a supervisor for help (or withdraws the request). */
export const askForHelpAction = chatAction('act')
  .metadata({ name: 'askForHelp' })
  .inputSchema(helpRequestSchema)
  .action(async ({ parsedInput }) => setHelpRequest(parsedInput.interactionId, parsedInput.on));
