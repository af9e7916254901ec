'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import * as s from '@/lib/admin/schemas';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { CheckboxField, FormStatus, Section, SelectField, useApplyResult, useValidationMessage, type ActionResult } from './form-kit';

// One editor for the small directory lists (groups, skills, queues, routing points): an "add"
// form, then one inline form per row with Save and Delete.

const schemas = {
  group: [s.groupSchema, s.groupUpdateSchema],
  skill: [s.skillSchema, s.skillUpdateSchema],
  queue: [s.queueSchema, s.queueUpdateSchema],
  routingPoint: [s.routingPointSchema, s.routingPointUpdateSchema],
} as const satisfies Record<string, readonly [z.ZodType, z.ZodType]>;

export type FieldSpec =
  | { name: string; label: string; kind: 'text' }
  | { name: string; label: string; kind: 'checkbox' }
  | { name: string; label: string; kind: 'select'; options: { value: string; label: string }[] };

type Values = Record<string, string | boolean>;

export interface EntityRow {
  id: string;
  /** What the row is called in labels ("Name of Support"). */
  title: string;
  values: Values;
  /** Read-only facts shown beside the form (members, "default"…). */
  note?: string;
}

export function EntityEditor(props: {
  id: string;
  title: string;
  newTitle: string;
  schema: keyof typeof schemas;
  fields: FieldSpec[];
  empty: Values;
  rows: EntityRow[];
  create: (v: never) => Promise<ActionResult>;
  update: (v: never) => Promise<ActionResult>;
  remove?: (v: { id: string }) => Promise<ActionResult>;
}) {
  const [createSchema, updateSchema] = schemas[props.schema];
  return (
    <Section id={props.id} title={props.title}>
      <RowForm heading={props.newTitle} schema={createSchema} fields={props.fields} initial={props.empty} submit={props.create} mode="create" />
      <ul className="mt-4 flex flex-col gap-2">
        {props.rows.map((r) => (
          <li key={r.id}>
            <RowForm
              heading={r.title}
              note={r.note}
              schema={updateSchema}
              fields={props.fields}
              initial={{ ...r.values, id: r.id }}
              submit={props.update}
              remove={props.remove ? () => props.remove!({ id: r.id }) : undefined}
              mode="edit"
            />
          </li>
        ))}
      </ul>
    </Section>
  );
}

function RowForm(props: {
  heading: string;
  note?: string;
  schema: z.ZodType;
  fields: FieldSpec[];
  initial: Values;
  submit: (v: never) => Promise<ActionResult>;
  remove?: () => Promise<ActionResult>;
  mode: 'create' | 'edit';
}) {
  const t = useTranslations('admin');
  const te = useTranslations('errors');
  const router = useRouter();
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const [saved, setSaved] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const form = useForm<Values>({ resolver: zodResolver(props.schema as z.ZodType<Values, Values>), defaultValues: props.initial });
  const { isSubmitting, errors } = form.formState;
  const create = props.mode === 'create';
  // In a row, each label names the row too, so "Group name" is unambiguous among many rows.
  const label = (f: FieldSpec) => (create ? f.label : `${f.label} (${props.heading})`);

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(null);
    if (apply(await props.submit(values as never), form.setError, 'name')) {
      form.reset(create ? props.initial : values);
      setSaved(create ? t('form.added') : t('form.saved'));
      router.refresh();
    }
  });
  const onRemove = async () => {
    setRemoving(true);
    setSaved(null);
    const r = await props.remove!();
    setRemoving(false);
    if (r?.serverError || !r?.data) form.setError('root.server', { message: te.has(r?.serverError?.code ?? '') ? te((r?.serverError?.code ?? 'internal') as 'internal') : te('internal') });
    else router.refresh();
  };

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      onChange={() => setSaved(null)}
      aria-label={props.heading}
      className={`rounded border border-slate-200 bg-white p-3 ${create ? '' : 'flex flex-wrap items-start gap-3'}`}
    >
      {create ? <h3 className="mb-2 font-semibold">{props.heading}</h3> : null}
      <div className={create ? 'flex flex-wrap items-start gap-3' : 'contents'}>
        {props.fields.map((f) => {
          const error = msg(errors[f.name]?.message as string | undefined);
          if (f.kind === 'checkbox') {
            return (
              <span key={f.name} className="pt-6">
                <CheckboxField label={label(f)} {...form.register(f.name)} />
              </span>
            );
          }
          if (f.kind === 'select') return <SelectField key={f.name} className="w-48" label={label(f)} options={f.options} error={error} {...form.register(f.name)} />;
          return <TextField key={f.name} className="w-56" label={label(f)} autoComplete="off" error={error} {...form.register(f.name)} />;
        })}
        <span className="flex items-center gap-2 pt-6">
          <Button type="submit" variant={create ? 'primary' : 'secondary'} disabled={isSubmitting} className="inline-flex items-center gap-1">
            {create ? <Plus aria-hidden className="size-4" /> : null}
            {create ? t('form.add') : t('form.save')}
            {create ? null : <span className="sr-only"> {props.heading}</span>}
          </Button>
          {props.remove ? (
            <Button variant="danger" disabled={removing} onClick={() => void onRemove()} className="inline-flex items-center gap-1">
              <Trash2 aria-hidden className="size-4" />
              {t('form.delete')}
              <span className="sr-only"> {props.heading}</span>
            </Button>
          ) : null}
          <FormStatus pending={isSubmitting || removing} saved={saved !== null} savedText={saved ?? undefined} error={errors.root?.server?.message} />
        </span>
        {props.note ? <span className="pt-7 text-xs text-slate-600">{props.note}</span> : null}
      </div>
    </form>
  );
}
