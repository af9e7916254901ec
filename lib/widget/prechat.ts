// The pre-chat form per queue (issue 18): which case-data fields (M5) a contact fills in before a
// chat starts, which of them are required, and whether they pick a topic (a skill) and the chat
// language. Pure: the admin form, the contact's form and the server apply the same rules.
import { z } from 'zod';
import { validateCaseValue, type CaseDataType, type ValueError } from '@/lib/case-data/validate';

/** Fields the start form always has (C1): they are never configured as pre-chat questions. */
export const BUILT_IN_KEYS: readonly string[] = ['name', 'email', 'phone', 'question', 'language', 'queue'];
export const PRECHAT_MAX_FIELDS = 20;
export const PRECHAT_MAX_SKILLS = 50;

export interface PrechatFieldRule {
  key: string;
  required: boolean;
}

export interface PrechatForm {
  fields: PrechatFieldRule[];
  /** The skills the contact chooses a topic from; none: no topic question. */
  skillIds: string[];
  /** Whether the contact chooses the chat language; otherwise it follows the page's language. */
  pickLanguage: boolean;
}

/** A queue nobody configured asks what the start form always asked: the language, nothing more. */
export const DEFAULT_PRECHAT: PrechatForm = { fields: [], skillIds: [], pickLanguage: true };

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');
const keySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'invalid field key');

export const prechatFormSchema = z
  .object({
    fields: z
      .array(z.object({ key: keySchema, required: z.boolean() }).strict())
      .max(PRECHAT_MAX_FIELDS)
      .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, 'a field is listed twice')
      .refine((fs) => fs.every((f) => !BUILT_IN_KEYS.includes(f.key)), 'the start form always has that field'),
    skillIds: z
      .array(idSchema)
      .max(PRECHAT_MAX_SKILLS)
      .refine((ids) => new Set(ids).size === ids.length, 'a skill is listed twice'),
    pickLanguage: z.boolean(),
  })
  .strict();

export const savePrechatInputSchema = prechatFormSchema.extend({ queueId: idSchema }).strict();
export type SavePrechatInput = z.infer<typeof savePrechatInputSchema>;

/** A stored value that no longer reads (hand-edited, older shape) is the default form. */
export function readPrechatForm(stored: unknown): PrechatForm {
  const parsed = prechatFormSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_PRECHAT;
}

/** A case-data field as the pre-chat form needs it. */
export interface PrechatFieldDef {
  key: string;
  type: CaseDataType;
  options: string[];
  visible: boolean;
}

/** What the contact answered: the case-data values by key, and the topic (a skill id). */
export interface PrechatAnswers {
  caseData?: Record<string, string>;
  skillId?: string;
}

export type PrechatProblem = { key: string; error: ValueError | 'notOnForm' } | { key: 'skill'; error: 'required' | 'option' };

export type PrechatChecked = { ok: true; values: { key: string; value: string }[]; skillId: string | null } | { ok: false; problems: PrechatProblem[] };

/**
 * The fields that show, in the admin's order: configured ones whose case-data field still exists,
 * is visible and is not one the start form always has.
 */
export function shownFields<T extends PrechatFieldDef>(form: PrechatForm, defs: readonly T[]): (T & { required: boolean })[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  return form.fields.flatMap((f) => {
    const d = byKey.get(f.key);
    return d && d.visible && !BUILT_IN_KEYS.includes(d.key) ? [{ ...d, required: f.required }] : [];
  });
}

/**
 * The contact's answers checked against the queue's form: every required field answered, each
 * value valid for its type, nothing that is not on the form, and a topic from the offered skills
 * when the form asks for one. The values answered are what is stored as case data.
 */
export function checkPrechatAnswers(form: PrechatForm, defs: readonly PrechatFieldDef[], answers: PrechatAnswers, existingSkillIds: readonly string[]): PrechatChecked {
  const fields = shownFields(form, defs);
  const given = answers.caseData ?? {};
  const problems: PrechatProblem[] = [];
  for (const key of Object.keys(given)) {
    if (!fields.some((f) => f.key === key)) problems.push({ key, error: 'notOnForm' });
  }
  const values: { key: string; value: string }[] = [];
  for (const f of fields) {
    const checked = validateCaseValue(f, Object.hasOwn(given, f.key) ? given[f.key]! : '', { required: f.required });
    if (!checked.ok) problems.push({ key: f.key, error: checked.error });
    else if (checked.value !== '') values.push({ key: f.key, value: checked.value });
  }
  const offered = form.skillIds.filter((id) => existingSkillIds.includes(id));
  let skillId: string | null = null;
  if (offered.length > 0) {
    if (!answers.skillId) problems.push({ key: 'skill', error: 'required' });
    else if (!offered.includes(answers.skillId)) problems.push({ key: 'skill', error: 'option' });
    else skillId = answers.skillId;
  } else if (answers.skillId) problems.push({ key: 'skill', error: 'option' });
  return problems.length ? { ok: false, problems } : { ok: true, values, skillId };
}

/**
 * R1: the one skill a chat needs. The topic the contact picked is the most specific thing known,
 * then the queue's own skill, then the language's skill (as before the pre-chat form).
 */
export function requiredSkillFor(opts: { pickedSkillId: string | null; queueSkillId: string | null; languageSkillId: string | null }): string | null {
  return opts.pickedSkillId ?? opts.queueSkillId ?? opts.languageSkillId;
}

/** The problems as one message for the API's 400 answer (field keys only: never the values). */
export function describeProblems(problems: readonly PrechatProblem[]): string {
  return problems.map((p) => `${p.key}: ${p.error}`).join('; ');
}
