'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Pencil, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useController, useForm, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { CASE_DATA_TYPES, caseFieldCreateSchema, caseFieldUpdateSchema, parseOptions } from '@/lib/admin/schemas';
import type { AdminCaseField } from '@/lib/admin/case-data-admin';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/field';
import { createCaseFieldAction, updateCaseFieldAction } from '../actions';
import { CheckboxField, FormStatus, Section, SelectField, useApplyResult, useValidationMessage } from '../form-kit';
import { AdminTable, RowButton } from '../admin-table';

type CreateValues = z.input<typeof caseFieldCreateSchema>;
type UpdateValues = z.input<typeof caseFieldUpdateSchema>;
/** The fields both case-data forms have, typed once: each form passes its own `register`, errors,
 * the watched type and the options list's value and setter. */
type SharedName = 'label' | 'labelFr' | 'type' | 'sortOrder' | 'options' | 'visible' | 'agentEditable';
type SharedValues = Pick<CreateValues, SharedName> & Pick<UpdateValues, SharedName>;
type FieldBodyProps = {
  register: (name: Exclude<SharedName, 'options'>, options?: { valueAsNumber?: true }) => UseFormRegisterReturn<SharedName>;
  errors: FieldErrors<SharedValues>;
  type: SharedValues['type'];
  options: { value: string[]; onChange: (value: string[]) => void };
};

/** M5: case data fields — key, labels in both languages, order, visible, agent-editable, type. */
export function CaseDataPanel({ fields }: { fields: AdminCaseField[] }) {
  const t = useTranslations('admin');
  const [editing, setEditing] = useState<AdminCaseField | null>(null);
  const [creating, setCreating] = useState(false);
  const yes = (b: boolean) => (b ? t('form.yes') : t('form.no'));
  return (
    <Section
      id="case-data"
      title={t('caseData.title')}
      actions={
        <Button variant="primary" className="inline-flex items-center gap-1" onClick={() => setCreating(true)}>
          <Plus aria-hidden className="size-4" />
          {t('caseData.new')}
        </Button>
      }
    >
      <AdminTable columns={[t('caseData.sortOrder'), t('caseData.key'), t('caseData.label'), t('caseData.labelFr'), t('caseData.type'), t('caseData.visible'), t('caseData.agentEditable'), t('form.actions')]}>
        {fields.map((f) => (
          <tr key={f.id} className="border-b border-slate-100">
            <td className="p-2">{f.sortOrder}</td>
            <th scope="row" className="p-2 text-left font-mono font-normal">
              {f.key}
            </th>
            <td className="p-2">{f.label}</td>
            <td className="p-2">{f.labelFr ?? ''}</td>
            <td className="p-2">
              {t(`caseData.types.${f.type}`)}
              {f.type === 'LIST' ? <span className="block text-xs text-slate-600">{f.options.join(', ')}</span> : null}
            </td>
            <td className="p-2">{yes(f.visible)}</td>
            <td className="p-2">{yes(f.agentEditable)}</td>
            <td className="p-2">
              <RowButton icon={Pencil} label={t('form.edit')} name={f.key} onClick={() => setEditing(f)} />
            </td>
          </tr>
        ))}
      </AdminTable>
      <Dialog open={creating} onOpenChange={setCreating}>
        {creating && (
          <DialogContent title={t('caseData.new')} closeLabel={t('form.close')}>
            <CreateField onDone={() => setCreating(false)} nextOrder={Math.max(-1, ...fields.map((f) => f.sortOrder)) + 1} />
          </DialogContent>
        )}
      </Dialog>
      <Dialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)}>
        {editing && (
          <DialogContent title={t('form.editTitle', { name: editing.key })} closeLabel={t('form.close')}>
            <EditField field={editing} onDone={() => setEditing(null)} />
          </DialogContent>
        )}
      </Dialog>
    </Section>
  );
}

function FieldBody({ register, errors, type, options }: FieldBodyProps) {
  const t = useTranslations('admin');
  const msg = useValidationMessage();
  return (
    <>
      <TextField label={t('caseData.label')} error={msg(errors.label?.message)} {...register('label')} />
      <TextField label={t('caseData.labelFr')} error={msg(errors.labelFr?.message)} {...register('labelFr')} />
      <SelectField label={t('caseData.type')} options={CASE_DATA_TYPES.map((v) => ({ value: v, label: t(`caseData.types.${v}`) }))} error={msg(errors.type?.message)} {...register('type')} />
      <TextField type="number" inputMode="numeric" label={t('caseData.sortOrder')} error={msg(errors.sortOrder?.message)} {...register('sortOrder', { valueAsNumber: true })} />
      {type === 'LIST' && <OptionsArea value={options.value} onChange={options.onChange} error={msg(errors.options?.message ?? errors.options?.root?.message)} />}
      <div className="flex flex-wrap gap-4 sm:col-span-2">
        <CheckboxField label={t('caseData.visible')} {...register('visible')} />
        <CheckboxField label={t('caseData.agentEditable')} {...register('agentEditable')} />
      </div>
    </>
  );
}

/** The options as lines of text; the form holds the list. */
function OptionsArea({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const t = useTranslations('admin');
  const [text, setText] = useState(() => value.join('\n'));
  return (
    <TextAreaField
      className="sm:col-span-2"
      rows={4}
      label={t('caseData.options')}
      error={error}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseOptions(e.target.value));
      }}
    />
  );
}

function CreateField({ onDone, nextOrder }: { onDone: () => void; nextOrder: number }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const form = useForm<CreateValues, unknown, z.output<typeof caseFieldCreateSchema>>({
    resolver: zodResolver(caseFieldCreateSchema),
    defaultValues: { key: '', label: '', labelFr: '', type: 'TEXT', options: [], sortOrder: nextOrder, visible: true, agentEditable: false },
  });
  const { isSubmitting, errors } = form.formState;
  const { field: options } = useController({ control: form.control, name: 'options' });
  const onSubmit = form.handleSubmit(async (values) => {
    if (apply(await createCaseFieldAction(values), form.setError, 'key')) {
      router.refresh();
      onDone();
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      <TextField label={t('caseData.key')} hint={t('caseData.keyHint')} className="sm:col-span-2" autoComplete="off" error={msg(errors.key?.message)} {...form.register('key')} />
      <FieldBody register={form.register} errors={errors} type={form.watch('type')} options={options} />
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {t('caseData.create')}
        </Button>
        <FormStatus pending={isSubmitting} saved={false} error={errors.root?.server?.message} />
      </div>
    </form>
  );
}

function EditField({ field, onDone }: { field: AdminCaseField; onDone: () => void }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const apply = useApplyResult();
  const form = useForm<UpdateValues, unknown, z.output<typeof caseFieldUpdateSchema>>({
    resolver: zodResolver(caseFieldUpdateSchema),
    defaultValues: { id: field.id, label: field.label, labelFr: field.labelFr ?? '', type: field.type, options: field.options, sortOrder: field.sortOrder, visible: field.visible, agentEditable: field.agentEditable },
  });
  const { isSubmitting, errors } = form.formState;
  const { field: options } = useController({ control: form.control, name: 'options' });
  const onSubmit = form.handleSubmit(async (values) => {
    if (apply(await updateCaseFieldAction(values), form.setError)) {
      router.refresh();
      onDone();
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      <p className="font-mono text-sm sm:col-span-2">
        {t('caseData.key')}: {field.key}
      </p>
      <FieldBody register={form.register} errors={errors} type={form.watch('type')} options={options} />
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {t('form.save')}
        </Button>
        <FormStatus pending={isSubmitting} saved={false} error={errors.root?.server?.message} />
      </div>
    </form>
  );
}
