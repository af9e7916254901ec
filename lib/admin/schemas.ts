import { z } from 'zod';
import { NICKNAME_POLICIES } from '@/lib/directory/nickname';

// Validation shared by the admin forms (react-hook-form + zodResolver) and the admin server
// actions. Error messages are catalogue keys (admin.validation.<key>), with parameters after a
// colon ("range:1:3600"), so the forms show them in the user's language.

// Control characters and lone surrogates have no place in a name (PostgreSQL refuses the latter).
const clean = (s: string) => !/[\u0000-\u001F\u007F]/.test(s) && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** A required one-line name, trimmed. */
export const nameField = (max = 100) =>
  z
    .string({ error: 'required' })
    .trim()
    .min(1, 'required')
    .max(max, `tooLong:${max}`)
    .refine(clean, 'invalidText');

/** An optional one-line text: blank means none (null). */
export const optionalName = (max = 60) =>
  z
    .string({ error: 'invalidText' })
    .trim()
    .max(max, `tooLong:${max}`)
    .refine(clean, 'invalidText')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .transform((s) => s ?? null);

export const idField = z.string({ error: 'required' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'required');
/** A select's "none" choice is the empty string. */
export const optionalId = z
  .union([z.literal(''), z.null(), idField])
  .transform((v) => (v ? v : null));

const seconds = (min: number, max: number) =>
  z
    .number({ error: 'number' })
    .int('whole')
    .min(min, `range:${min}:${max}`)
    .max(max, `range:${min}:${max}`);

/**
 * M1 timers. The bounds are those of lib/settings/settings.ts (a unit test holds them equal);
 * the settings module itself is server-only, so the forms cannot import it.
 */
export const timersSchema = z
  .object({
    pendingYellowSec: seconds(1, 3600),
    pendingRedSec: seconds(1, 7200),
    invitationTimeoutSec: seconds(5, 600),
    transferTimeoutSec: seconds(5, 600),
    conferenceTimeoutSec: seconds(5, 600),
    consultTimeoutSec: seconds(5, 600),
    typingTimeoutSec: seconds(2, 60),
    serviceLevelSec: seconds(1, 3600),
    monitoringVisible: z.boolean({ error: 'required' }),
  })
  .refine((t) => t.pendingRedSec > t.pendingYellowSec, { message: 'redAfterYellow', path: ['pendingRedSec'] });
export type TimersInput = z.infer<typeof timersSchema>;
export const TIMER_KEYS = ['pendingYellowSec', 'pendingRedSec', 'invitationTimeoutSec', 'transferTimeoutSec', 'conferenceTimeoutSec', 'consultTimeoutSec', 'typingTimeoutSec', 'serviceLevelSec'] as const;

// M2
export const nicknamePolicySchema = z.object({ nicknamePolicy: z.enum(NICKNAME_POLICIES, { error: 'required' }) });
export const userNicknameSchema = z.object({ id: idField, nickname: optionalName(60) });
export const groupNicknameSchema = z.object({ id: idField, genericNickname: optionalName(60) });

// M3
export const dispositionCreateSchema = z.object({ name: nameField(60) });
export const dispositionRenameSchema = z.object({ id: idField, name: nameField(60) });
export const dispositionMoveSchema = z.object({ id: idField, direction: z.enum(['up', 'down']) });
export const dispositionRetireSchema = z.object({ id: idField, retired: z.boolean() });
export const dispositionRequiredSchema = z.object({ dispositionRequired: z.boolean() });

// M5
export const CASE_DATA_TYPES = ['TEXT', 'EMAIL', 'PHONE', 'NUMBER', 'LIST'] as const;
const caseFieldBody = {
  label: nameField(60),
  labelFr: optionalName(60),
  type: z.enum(CASE_DATA_TYPES, { error: 'required' }),
  /** One option per line in the form; the list of allowed values for LIST. */
  options: z
    .array(nameField(60), { error: 'invalidText' })
    .max(50, 'tooMany:50')
    .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, 'duplicateOption'),
  sortOrder: z.number({ error: 'number' }).int('whole').min(0, 'range:0:999').max(999, 'range:0:999'),
  visible: z.boolean(),
  agentEditable: z.boolean(),
};
const listNeedsOptions = (f: { type: string; options: string[] }) => f.type !== 'LIST' || f.options.length > 0;
export const caseFieldCreateSchema = z
  .object({ key: z.string({ error: 'required' }).regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'key'), ...caseFieldBody })
  .refine(listNeedsOptions, { message: 'optionsRequired', path: ['options'] });
export const caseFieldUpdateSchema = z.object({ id: idField, ...caseFieldBody }).refine(listNeedsOptions, { message: 'optionsRequired', path: ['options'] });

/** "a\nb\n\n c " → ["a", "b", "c"]: how the options textarea becomes a list. */
export function parseOptions(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// M4
export const ROLES = ['AGENT', 'SUPERVISOR', 'ADMIN'] as const;
export const passwordField = z
  .string({ error: 'required' })
  .min(8, 'passwordShort:8')
  .max(200, 'tooLong:200')
  .refine(clean, 'invalidText');
const userBody = {
  name: nameField(100),
  role: z.enum(ROLES, { error: 'required' }),
  groupId: optionalId,
  skillIds: z.array(idField).max(50),
  capacity: z.number({ error: 'number' }).int('whole').min(0, 'range:0:50').max(50, 'range:0:50'),
  nickname: optionalName(60),
};
export const userCreateSchema = z.object({
  email: z
    .string({ error: 'required' })
    .trim()
    .max(200, 'tooLong:200')
    .pipe(z.email('email'))
    .transform((e) => e.toLowerCase()),
  password: passwordField,
  ...userBody,
});
export const userUpdateSchema = z.object({ id: idField, active: z.boolean(), ...userBody });
export const passwordResetSchema = z.object({ id: idField, password: passwordField });

export const groupSchema = z.object({ name: nameField(60), genericNickname: optionalName(60) });
export const groupUpdateSchema = groupSchema.extend({ id: idField });
export const skillSchema = z.object({ name: nameField(60) });
export const skillUpdateSchema = skillSchema.extend({ id: idField });
export const queueSchema = z.object({ name: nameField(60), skillId: optionalId, isDefault: z.boolean() });
export const queueUpdateSchema = queueSchema.extend({ id: idField });
export const routingPointSchema = z.object({ name: nameField(60), queueId: idField, skillId: optionalId });
export const routingPointUpdateSchema = routingPointSchema.extend({ id: idField });
export const deleteSchema = z.object({ id: idField });

// M6
export const auditFilterSchema = z.object({
  action: z.string().trim().max(60).regex(/^[a-zA-Z.]*$/).optional().catch(undefined),
  actorId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
  target: z.string().trim().max(100).refine(clean).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
