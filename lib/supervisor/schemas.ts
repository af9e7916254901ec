import { z } from 'zod';
import { clientIdSchema, idSchema, messageTextSchema } from '@/lib/interactions/schemas';

export const supervisionModeSchema = z.enum(['MONITOR', 'COACH', 'BARGE_IN']);
export const superviseSchema = z.object({ interactionId: idSchema, mode: supervisionModeSchema });
export const stopSupervisingSchema = z.object({ interactionId: idSchema });
export const monitorNextSchema = z.object({ agentId: idSchema, on: z.boolean() });
export const helpRequestSchema = z.object({ interactionId: idSchema, on: z.boolean() });
export const internalSendSchema = z.object({ clientId: clientIdSchema, text: messageTextSchema, thread: z.enum(['coaching', 'consultation']) });
