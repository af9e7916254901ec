'use server';

import { z } from 'zod';
import { agentAction } from '@/lib/safe-action';
import { agentEnd, markDone, setDisposition } from '@/lib/interactions/staff/wrap-up';
import { setAgentState } from '@/lib/interactions/staff/agent-state';
import { acceptAny, rejectAny } from '@/lib/collaboration/invitations';
import { agentStateSchema, idSchema } from '@/lib/interactions/core/schemas';

const onChat = z.object({ interactionId: idSchema });

export const setAgentStateAction = agentAction.metadata({ name: 'setAgentState' }).inputSchema(agentStateSchema).action(async ({ parsedInput, ctx }) => setAgentState(ctx.user, parsedInput));

export const acceptAction = agentAction
  .metadata({ name: 'accept' })
  .inputSchema(z.object({ invitationId: idSchema }))
  .action(async ({ parsedInput, ctx }) => acceptAny(ctx.user, parsedInput.invitationId));

export const rejectAction = agentAction
  .metadata({ name: 'reject' })
  .inputSchema(z.object({ invitationId: idSchema }))
  .action(async ({ parsedInput, ctx }) => rejectAny(ctx.user, parsedInput.invitationId));

export const endChatAction = agentAction.metadata({ name: 'endChat' }).inputSchema(onChat).action(async ({ parsedInput, ctx }) => {
  await agentEnd(ctx.user, parsedInput.interactionId);
  return { ok: true };
});

export const markDoneAction = agentAction.metadata({ name: 'markDone' }).inputSchema(onChat).action(async ({ parsedInput, ctx }) => markDone(ctx.user, parsedInput.interactionId));

export const setDispositionAction = agentAction
  .metadata({ name: 'setDisposition' })
  .inputSchema(onChat.extend({ dispositionId: idSchema.nullable() }))
  .action(async ({ parsedInput: p, ctx }) => setDisposition(ctx.user, p.interactionId, p.dispositionId));
