import { z } from 'zod';
import { clientIdSchema, idSchema, messageTextSchema } from '@/lib/interactions/core/schemas';

export const supervisionModeSchema = z.enum(['MONITOR', 'COACH', 'BARGE_IN']);
export const superviseSchema = z.object({ interactionId: idSchema, mode: supervisionModeSchema });
export const stopSupervisingSchema = z.object({ interactionId: idSchema });
export const monitorNextSchema = z.object({ agentId: idSchema, on: z.boolean() });
export const helpRequestSchema = z.object({ interactionId: idSchema, on: z.boolean() });
export const internalSendSchema = z.union([
  z.object({ clientId: clientIdSchema, text: messageTextSchema, thread: z.enum(['coaching', 'consultation']) }),
  // With files (attachments stream): the text is optional; the files follow the thread's visibility.
  z.object({ clientId: clientIdSchema, text: z.union([z.literal(''), messageTextSchema]).default(''), thread: z.enum(['coaching', 'consultation']), attachmentIds: z.array(idSchema).min(1).max(10) }),
]);
