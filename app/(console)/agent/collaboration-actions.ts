'use server';

import { z } from 'zod';
import { agentAction, chatAction } from '@/lib/safe-action';
import { idSchema } from '@/lib/interactions/core/schemas';
import { answerNo, collaborationState, invite, leaveChat } from '@/lib/collaboration/invitations';
import { endConsultation } from '@/lib/collaboration/consultation';
import { teamDirectory } from '@/lib/collaboration/targets';
import { COLLABORATION_KINDS, TARGET_TYPES } from '@/lib/collaboration/rules';

// Team Communicator, transfer, conference and consultation (T1–T4). Thin: validate, check the
// caller's part in the chat (chatAction), call lib/collaboration.

const onChat = z.object({ interactionId: idSchema });

export const teamDirectoryAction = agentAction
  .metadata({ name: 'teamDirectory' })
  .inputSchema(z.object({}).strict())
  .action(async ({ ctx }) => teamDirectory(ctx.user.id));

export const inviteAction = chatAction('act')
  .metadata({ name: 'invite' })
  .inputSchema(onChat.extend({ kind: z.enum(COLLABORATION_KINDS), targetType: z.enum(TARGET_TYPES), targetRef: idSchema }))
  .action(async ({ parsedInput, ctx }) => invite(ctx.user, parsedInput));

export const cancelInvitationAction = agentAction
  .metadata({ name: 'cancelInvitation' })
  .inputSchema(z.object({ invitationId: idSchema }))
  .action(async ({ parsedInput, ctx }) => answerNo(ctx.user, parsedInput.invitationId, 'cancel'));

export const leaveChatAction = chatAction('act')
  .metadata({ name: 'leaveChat' })
  .inputSchema(onChat)
  .action(async ({ parsedInput, ctx }) => leaveChat(ctx.user, parsedInput.interactionId));

export const collaborationStateAction = chatAction('act')
  .metadata({ name: 'collaborationState' })
  .inputSchema(onChat)
  .action(async ({ parsedInput, ctx }) => collaborationState(ctx.user, parsedInput.interactionId));

export const endConsultationAction = agentAction
  .metadata({ name: 'endConsultation' })
  .inputSchema(onChat)
  .action(async ({ parsedInput, ctx }) => endConsultation(ctx.user, parsedInput.interactionId));
