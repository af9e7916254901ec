import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/audit';
import { requireStaffAccess, type Staff } from '@/lib/interactions/core/access';
import { validateCaseValue, type CaseDataType, type ValueError } from './validate';

export interface CaseDataItem {
  key: string;
  label: string;
  labelFr: string | null;
  type: CaseDataType;
  options: string[];
  value: string;
  editable: boolean;
}

/**
 * A11: every visible field in the admin's order (M5), with this chat's value ('' when none), so
 * an editable field with no value yet can still be filled in.
 */
export async function caseDataFor(interactionId: string): Promise<CaseDataItem[]> {
  const fields = await db.caseDataField.findMany({
    where: { visible: true },
    orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }],
    select: { id: true, key: true, label: true, labelFr: true, type: true, options: true, agentEditable: true, values: { where: { interactionId }, select: { value: true } } },
  });
  return fields
    .filter((f) => f.agentEditable || f.values.length > 0)
    .map((f) => ({ key: f.key, label: f.label, labelFr: f.labelFr, type: f.type, options: f.options, value: f.values[0]?.value ?? '', editable: f.agentEditable }));
}

export type SaveCaseValueResult = { ok: true; key: string; value: string } | { ok: false; key: string; error: ValueError };

/** Saves one agent-editable field, validated by its type; a read-only or hidden field is refused. */
export async function saveCaseValue(user: Staff, interactionId: string, key: string, raw: string): Promise<SaveCaseValueResult> {
  await requireStaffAccess(user, interactionId, 'act');
  const field = await db.caseDataField.findUnique({ where: { key }, select: { id: true, type: true, options: true, visible: true, agentEditable: true } });
  if (!field || !field.visible) throw new AppError('notFound');
  if (!field.agentEditable) throw new AppError('forbidden');
  const checked = validateCaseValue(field, raw);
  if (!checked.ok) return { ok: false, key, error: checked.error };
  await db.$transaction(async (tx) => {
    const where = { interactionId_fieldId: { interactionId, fieldId: field.id } };
    const before = await tx.caseDataValue.findUnique({ where, select: { value: true } });
    if ((before?.value ?? '') === checked.value) return;
    if (checked.value === '') await tx.caseDataValue.delete({ where });
    else await tx.caseDataValue.upsert({ where, create: { interactionId, fieldId: field.id, value: checked.value }, update: { value: checked.value } });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'caseData.update',
      target: `interaction:${interactionId}`,
      before: { [key]: before?.value ?? null },
      after: { [key]: checked.value || null },
    });
  });
  return { ok: true, key, value: checked.value };
}
