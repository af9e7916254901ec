import 'server-only';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { auditedChange, lockRow, type Actor } from './common';
import type { caseFieldCreateSchema, caseFieldUpdateSchema } from './schemas';

// M5: case data fields. The key is fixed once created (the entry form and routing fill fields by key).

const fieldSelect = { key: true, label: true, labelFr: true, type: true, options: true, sortOrder: true, visible: true, agentEditable: true } as const;

export function listCaseFields() {
  return db.caseDataField.findMany({ orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }], select: { id: true, ...fieldSelect } });
}
export type AdminCaseField = Awaited<ReturnType<typeof listCaseFields>>[number];

export async function createCaseField(actor: Actor, input: z.output<typeof caseFieldCreateSchema>) {
  return auditedChange(actor, async (tx) => {
    const f = await tx.caseDataField.create({ data: { ...input, options: input.type === 'LIST' ? input.options : [] }, select: { id: true, ...fieldSelect } });
    const { id, ...after } = f;
    return { result: { id }, audit: { action: 'caseField.create', target: `caseField:${id}`, before: null, after } };
  });
}

export async function updateCaseField(actor: Actor, input: z.output<typeof caseFieldUpdateSchema>) {
  const { id, ...data } = input;
  return auditedChange(actor, async (tx) => {
    await lockRow(tx, 'CaseDataField', id);
    const before = await tx.caseDataField.findUniqueOrThrow({ where: { id }, select: fieldSelect });
    const after = await tx.caseDataField.update({ where: { id }, data: { ...data, options: data.type === 'LIST' ? data.options : [] }, select: fieldSelect });
    return { result: { id }, audit: { action: 'caseField.update', target: `caseField:${id}`, before, after } };
  });
}
