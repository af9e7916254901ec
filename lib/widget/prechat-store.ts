import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { auditedChange, type Actor } from '@/lib/admin/common';
import type { CaseDataType } from '@/lib/case-data/validate';
import { BUILT_IN_KEYS, DEFAULT_PRECHAT, checkPrechatAnswers, describeProblems, readPrechatForm, savePrechatInputSchema, shownFields, type PrechatAnswers, type PrechatForm, type SavePrechatInput } from './prechat';

// The pre-chat forms (issue 18), one per queue, in their own settings row.
const KEY = 'widget.prechat';

type Stored = Record<string, PrechatForm>;

function readStored(value: unknown): Stored {
  const queues = value && typeof value === 'object' ? (value as { queues?: unknown }).queues : undefined;
  if (!queues || typeof queues !== 'object') return {};
  return Object.fromEntries(Object.entries(queues as Record<string, unknown>).map(([id, f]) => [id, readPrechatForm(f)]));
}

// Read at most once a second per process: every chat start and every contact page asks.
let cached: { at: number; value: Promise<Stored> } | null = null;

async function storedForms(): Promise<Stored> {
  const now = Date.now();
  if (!cached || now - cached.at > 1000) {
    const value = db.setting.findUnique({ where: { key: KEY } }).then((row) => readStored(row?.value));
    cached = { at: now, value };
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
  }
  return cached.value;
}

export async function prechatFormOf(queueId: string): Promise<PrechatForm> {
  return (await storedForms())[queueId] ?? DEFAULT_PRECHAT;
}

const FIELD_SELECT = { key: true, label: true, labelFr: true, type: true, options: true, visible: true, sortOrder: true } as const;

/**
 * The admin's form for one queue, checked whole: every field is an existing case-data field
 * (not one the start form always has), every skill exists. One audit row; the other queues'
 * forms are kept.
 */
export async function savePrechatForm(actor: Actor, raw: SavePrechatInput): Promise<PrechatForm> {
  const parsed = savePrechatInputSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalidInput', parsed.error.issues.map((i) => i.message).join('; '));
  const { queueId, ...form } = parsed.data;
  const saved = await auditedChange(actor, async (tx) => {
    if (!(await tx.queue.findUnique({ where: { id: queueId }, select: { id: true } }))) throw new AppError('invalidInput', 'unknown queue');
    const keys = form.fields.map((f) => f.key);
    const fields = await tx.caseDataField.count({ where: { key: { in: keys } } });
    if (fields !== keys.length) throw new AppError('invalidInput', 'unknown case-data field');
    const skills = await tx.skill.count({ where: { id: { in: form.skillIds } } });
    if (skills !== form.skillIds.length) throw new AppError('invalidInput', 'unknown skill');
    // Locks the row (made if missing) so two admins' saves apply one after the other.
    await tx.$executeRaw`INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${KEY}, '{"queues":{}}'::jsonb, now()) ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ value: unknown }[]>`SELECT value FROM "Setting" WHERE key = ${KEY} FOR UPDATE`;
    const all = readStored(row?.value);
    const before = all[queueId] ?? DEFAULT_PRECHAT;
    const value = { queues: { ...all, [queueId]: form } } as unknown as object;
    await tx.setting.update({ where: { key: KEY }, data: { value } });
    return { result: form, audit: { action: 'settings.prechatForm', target: `queue:${queueId}`, before, after: form } };
  });
  cached = null;
  return saved;
}

export interface PrechatAdminQueue {
  queueId: string;
  name: string;
  form: PrechatForm;
}

export interface PrechatAdminView {
  queues: PrechatAdminQueue[];
  fields: { key: string; label: string; labelFr: string | null; visible: boolean }[];
  skills: { id: string; name: string }[];
}

/** The admin page's data: each queue's form, the case-data fields a form may ask, the skills. */
export async function prechatAdminView(): Promise<PrechatAdminView> {
  const [queues, fields, skills, stored] = await Promise.all([
    db.queue.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.caseDataField.findMany({ where: { key: { notIn: [...BUILT_IN_KEYS] } }, orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }], select: { key: true, label: true, labelFr: true, visible: true } }),
    db.skill.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    storedForms(),
  ]);
  return { queues: queues.map((q) => ({ queueId: q.id, name: q.name, form: stored[q.id] ?? DEFAULT_PRECHAT })), fields, skills };
}

/** What a contact page renders for its queue: labels in the page's language. */
export interface ContactPrechat {
  fields: { key: string; label: string; type: CaseDataType; options: string[]; required: boolean }[];
  skills: { id: string; name: string }[];
  pickLanguage: boolean;
}

export async function contactPrechat(queueId: string | undefined, locale: string): Promise<ContactPrechat> {
  if (!queueId) return { fields: [], skills: [], pickLanguage: true };
  const form = await prechatFormOf(queueId);
  if (form === DEFAULT_PRECHAT) return { fields: [], skills: [], pickLanguage: true };
  const [defs, skills] = await Promise.all([
    db.caseDataField.findMany({ where: { key: { in: form.fields.map((f) => f.key) } }, select: FIELD_SELECT }),
    db.skill.findMany({ where: { id: { in: form.skillIds } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  const fr = locale.startsWith('fr');
  return {
    fields: shownFields(form, defs).map((f) => ({ key: f.key, label: (fr && f.labelFr) || f.label, type: f.type, options: f.options, required: f.required })),
    skills,
    pickLanguage: form.pickLanguage,
  };
}

/**
 * The server's check of a contact's answers before a chat starts: a missing required answer, a
 * value invalid for its field, a field not on the form or a topic not offered is a 400 and nothing
 * is stored. Answers the case-data rows to create and the topic's skill.
 */
export async function checkedPrechat(tx: Tx | typeof db, queueId: string, answers: PrechatAnswers): Promise<{ values: { fieldId: string; value: string }[]; skillId: string | null }> {
  const form = await prechatFormOf(queueId);
  if (form === DEFAULT_PRECHAT && !answers.skillId && Object.keys(answers.caseData ?? {}).length === 0) return { values: [], skillId: null };
  const [defs, skills] = await Promise.all([
    tx.caseDataField.findMany({ where: { key: { in: form.fields.map((f) => f.key) } }, select: { id: true, ...FIELD_SELECT } }),
    tx.skill.findMany({ where: { id: { in: form.skillIds } }, select: { id: true } }),
  ]);
  const checked = checkPrechatAnswers(form, defs, answers, skills.map((s) => s.id));
  if (!checked.ok) throw new AppError('invalidInput', `pre-chat form: ${describeProblems(checked.problems)}`);
  const idOf = new Map(defs.map((d) => [d.key, d.id]));
  return { values: checked.values.map((v) => ({ fieldId: idOf.get(v.key)!, value: v.value })), skillId: checked.skillId };
}

/** For tests that write the settings row directly. */
export function forgetCachedPrechat() {
  cached = null;
}
