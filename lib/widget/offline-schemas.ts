import { z } from 'zod';
import type { Weekday } from './business-hours';
import { clientIdSchema, idSchema, messageTextSchema } from '@/lib/interactions/core/schemas';

// Validation of the business-hours admin section, the offline form and the answer (issue 18),
// shared by the route, the actions and the pages.

const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const text = (max: number) => z.string().trim().max(max).refine(noControl, 'contains control characters').refine(wellFormed, 'is not valid Unicode text');

export const queueHoursSchema = z
  .object({
    queueId: idSchema,
    alwaysOpen: z.boolean(),
    timeZone: z.string().min(1).max(64),
    intervals: z
      .array(z.object({ day: z.number().int().min(0).max(6).transform((d) => d as Weekday), start: z.string().max(5), end: z.string().max(5) }).strict())
      .max(70),
    holidays: z.array(z.string().max(10)).max(366),
  })
  .strict();

export const businessHoursInputSchema = z
  .object({
    /** Absent: unchanged. */
    offlineWhenNoAgent: z.boolean().optional(),
    /** The queues listed get these schedules; queues not listed keep theirs. */
    queues: z.array(queueHoursSchema).max(200),
  })
  .strict();
export type BusinessHoursInput = z.input<typeof businessHoursInputSchema>;

export const OFFLINE_BODY_MAX = 2000;

/** The offline form (contact API): Name, Email, Message, sent with a client key so a retry stores once. */
export const offlineMessageSchema = z
  .object({
    clientKey: clientIdSchema,
    name: text(100).pipe(z.string().min(1, 'name is required')),
    email: z.email('email is not valid').max(200).transform((v) => v.toLowerCase()),
    message: messageTextSchema,
    queue: text(100).optional(),
    locale: z.enum(['en', 'fr-CA']).default('en'),
  })
  .strict();
export type OfflineMessageForm = z.infer<typeof offlineMessageSchema>;

export const offlineIdSchema = z.object({ id: idSchema }).strict();
export const offlineAnswerSchema = z.object({ id: idSchema, answer: messageTextSchema }).strict();
export const OFFLINE_STATES = ['new', 'inProgress', 'answered'] as const;
export type OfflineState = (typeof OFFLINE_STATES)[number];
