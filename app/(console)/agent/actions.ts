'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/safe-action';
import {
  acceptInvitation,
  agentEnd,
  agentSend,
  agentTyping,
  markDone,
  rejectInvitation,
  setAgentState,
  setDisposition,
} from '@/lib/interactions/agent-chat';
import { agentStateSchema, clientIdSchema, idSchema, messageTextSchema } from '@/lib/interactions/schemas';

const socketId = z.string().regex(/^\d+\.\d+$/).optional();
const onChat = z.object({ interactionId: idSchema });

export const setAgentStateAction = staffAction.inputSchema(agentStateSchema).action(async ({ parsedInput, ctx }) => setAgentState(ctx.user, parsedInput));

export const acceptAction = staffAction
  .inputSchema(z.object({ invitationId: idSchema }))
  .action(async ({ parsedInput, ctx }) => acceptInvitation(ctx.user, parsedInput.invitationId));

export const rejectAction = staffAction
  .inputSchema(z.object({ invitationId: idSchema }))
  .action(async ({ parsedInput, ctx }) => rejectInvitation(ctx.user, parsedInput.invitationId));

export const sendAction = staffAction
  .inputSchema(onChat.extend({ clientId: clientIdSchema, text: messageTextSchema, socketId }))
  .action(async ({ parsedInput: p, ctx }) => agentSend(ctx.user, p.interactionId, { clientId: p.clientId, text: p.text }, p.socketId));

export const typingAction = staffAction
  .inputSchema(onChat.extend({ typing: z.boolean(), socketId }))
  .action(async ({ parsedInput: p, ctx }) => {
    await agentTyping(ctx.user, p.interactionId, p.typing, p.socketId);
    return { ok: true };
  });

export const endChatAction = staffAction.inputSchema(onChat).action(async ({ parsedInput, ctx }) => {
  await agentEnd(ctx.user, parsedInput.interactionId);
  return { ok: true };
});

export const markDoneAction = staffAction.inputSchema(onChat).action(async ({ parsedInput, ctx }) => markDone(ctx.user, parsedInput.interactionId));

export const setDispositionAction = staffAction
  .inputSchema(onChat.extend({ dispositionId: idSchema.nullable() }))
  .action(async ({ parsedInput: p, ctx }) => setDisposition(ctx.user, p.interactionId, p.dispositionId));
