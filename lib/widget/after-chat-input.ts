/** Inputs of the contact's after-chat requests (issue 18): the rating and the transcript by email. */
import { z } from 'zod';
import { COMMENT_MAX } from './rating';
import { timeZoneSchema } from '@/lib/time-zone';

// As for chat messages (lib/interactions/core/schemas.ts): no control characters other than tab and
// newlines, and no lone UTF-16 surrogate, which PostgreSQL cannot store (it would be a 500).
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export const rateChatSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z
    .string()
    .max(COMMENT_MAX)
    .refine(noControl, 'comment contains control characters')
    .refine(wellFormed, 'comment is not valid Unicode text')
    .nullish(),
});

export const transcriptEmailSchema = z.strictObject({
  email: z.email().max(200),
  locale: z.enum(['en', 'fr-CA']).optional(),
  // the contact's browser time zone, for the times in the mail
  timeZone: timeZoneSchema.optional(),
});

/** Transcript mails one chat may send in all (to different addresses; the same address is sent once). */
export const TRANSCRIPT_MAILS_PER_CHAT = 3;
