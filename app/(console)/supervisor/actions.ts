'use server';

import { supervisorAction } from '@/lib/safe-action';
import { monitorNextSchema, stopSupervisingSchema, superviseSchema } from '@/lib/supervisor/schemas';
import { setMonitorNext, stopSupervising, supervise } from '@/lib/supervisor/supervision';

/** Monitor, Coach or Barge in on one chat (S4–S6); switching mode keeps the same place in the chat. */
export const superviseAction = supervisorAction
  .metadata({ name: 'supervise' })
  .inputSchema(superviseSchema)
  .action(async ({ parsedInput, ctx }) => supervise(ctx.user, parsedInput.interactionId, parsedInput.mode));

export const stopSupervisingAction = supervisorAction
  .metadata({ name: 'stopSupervising' })
  .inputSchema(stopSupervisingSchema)
  .action(async ({ parsedInput, ctx }) => stopSupervising(ctx.user, parsedInput.interactionId));

/** S4 monitor next: attach to (or detach from) an agent's next accepted chats. */
export const monitorNextAction = supervisorAction
  .metadata({ name: 'monitorNext' })
  .inputSchema(monitorNextSchema)
  .action(async ({ parsedInput, ctx }) => setMonitorNext(ctx.user, parsedInput.agentId, parsedInput.on));
