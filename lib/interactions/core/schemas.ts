import { z } from 'zod';

// Validation shared by the contact HTTP API, the server actions and the pages.
export const MESSAGE_MAX = 2000;
export const LANGUAGES = ['en', 'fr'] as const;

const trimmed = (max: number) => z.string().trim().max(max);
// Control characters other than tab and newlines have no business in a chat message.
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
// A lone UTF-16 surrogate (JSON allows "\ud800") is not text: PostgreSQL cannot store it as UTF-8
// and the insert would fail with a 500. Refuse it as bad input instead.
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8–64 letters, digits, - or _');
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');

export const messageTextSchema = z
  .string()
  .max(MESSAGE_MAX * 2)
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'message is empty').max(MESSAGE_MAX, `message is longer than ${MESSAGE_MAX} characters`))
  .refine(noControl, 'message contains control characters')
  .refine(wellFormed, 'message is not valid Unicode text');

export const startChatSchema = z.object({
  name: trimmed(100).min(1, 'name is required').refine(noControl, 'name contains control characters').refine(wellFormed, 'name is not valid Unicode text'),
  email: z
    .union([z.literal(''), z.email('email is not valid').max(200)])
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined)),
  phone: z
    .union([z.literal(''), z.string().trim().regex(/^\+?[0-9 ().-]{7,20}$/, 'phone is not valid')])
    .optional()
    .transform((v) => (v ? v.replace(/[^0-9+]/g, '') : undefined)),
  question: trimmed(500).min(1, 'question is required').refine(noControl, 'question contains control characters').refine(wellFormed, 'question is not valid Unicode text'),
  language: z.enum(LANGUAGES).default('en'),
  queue: trimmed(100).refine((q) => noControl(q) && wellFormed(q), 'queue is not valid').optional(),
  // Website widget identify() (issue 18): the host site's HMAC-SHA256 of the email, hex.
  identityHash: z
    .union([z.literal(''), z.string().regex(/^[0-9a-fA-F]{64}$/, 'identityHash is not valid')])
    .optional()
    .transform((v) => v || undefined),
  // The queue's pre-chat form (issue 18): case-data answers by field key, and the topic (a skill id).
  // Only the shape here; lib/widget/prechat.ts checks them against the queue's form.
  caseData: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'caseData key is not valid'), z.string().max(1000))
    .refine((r) => Object.keys(r).length <= 20, 'too many caseData answers')
    .optional(),
  skill: z
    .union([z.literal(''), idSchema])
    .optional()
    .transform((v) => v || undefined),
});
// Optional keys stay optional for callers that build the input in code (tests, the bench).
export type StartChatInput = Omit<z.infer<typeof startChatSchema>, 'email' | 'phone' | 'queue' | 'identityHash' | 'caseData' | 'skill'> & {
  email?: string;
  phone?: string;
  queue?: string;
  identityHash?: string;
  caseData?: Record<string, string>;
  skill?: string;
};

export const sendMessageSchema = z.union([
  z.object({ clientId: clientIdSchema, text: messageTextSchema }).strict(),
  // A message with files (attachments stream): the text is optional.
  z
    .object({
      clientId: clientIdSchema,
      text: z.union([z.literal(''), messageTextSchema]).default(''),
      attachmentIds: z.array(idSchema).min(1).max(10),
    })
    .strict(),
]);
export type SendMessageInput = z.infer<typeof sendMessageSchema>;
export const typingSchema = z.object({ typing: z.boolean() });
export const afterSeqSchema = z.coerce.number().int().min(0).max(2_147_483_647).default(0);

export const notReadyReasons = ['break', 'lunch', 'meeting', 'training', 'missed'] as const;
export const agentStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('READY') }),
  z.object({ status: z.literal('NOT_READY'), reason: z.enum(notReadyReasons).default('break') }),
  z.object({ status: z.literal('LOGGED_OUT') }),
]);
