'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { ArchiveRestore, ArchiveX, ArrowDown, ArrowUp, Pencil, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { dispositionCreateSchema, dispositionRenameSchema } from '@/lib/admin/schemas';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { addDispositionAction, moveDispositionAction, renameDispositionAction, retireDispositionAction, setDispositionRequiredAction } from '../actions';
import { FormStatus, Section, useApplyResult, useValidationMessage, type ActionResult } from '../form-kit';
import { RowButton } from '../admin-table';

interface Code {
  id: string;
  name: string;
  retired: boolean;
  used: number;
}

/** M3: codes (add, rename, reorder, retire / restore) and "disposition required for Mark Done". */
export function DispositionsPanel({ required, codes }: { required: boolean; codes: Code[] }) {
  const t = useTranslations('admin');
  const te = useTranslations('errors');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<{ saved: boolean; error?: string; text?: string }>({ saved: false });
  // After a move, focus stays on the moved code's button so the keyboard user can keep moving it.
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (!focus || pending) return;
    const el = document.getElementById(focus) as HTMLButtonElement | null;
    // At the top (or bottom) the pressed button is disabled: its twin takes the focus.
    if (el && !el.disabled) el.focus();
    else document.getElementById(focus.replace(/^move-(up|down)/, (_m, d: string) => `move-${d === 'up' ? 'down' : 'up'}`))?.focus();
  }, [codes, focus, pending]);

  const run = (fn: () => Promise<ActionResult>, text?: string) =>
    start(async () => {
      setStatus({ saved: false });
      const r = await fn();
      if (r?.serverError || r?.validationErrors || r?.data === undefined) {
        setStatus({ saved: false, error: te.has(r?.serverError?.code ?? '') ? te((r?.serverError?.code ?? 'internal') as 'internal') : te('invalidInput') });
        return;
      }
      setStatus({ saved: true, text });
      router.refresh();
    });

  return (
    <Section id="dispositions" title={t('dispositions.title')}>
      <div className="mb-4 rounded border border-slate-200 bg-white p-3">
        <Switch
          label={t('dispositions.required')}
          checked={required}
          disabled={pending}
          aria-describedby="dispo-required-hint"
          onCheckedChange={(v) => (setFocus(null), run(() => setDispositionRequiredAction({ dispositionRequired: v })))}
        />
        <p id="dispo-required-hint" className="mt-1 text-xs text-slate-600">
          {t('dispositions.requiredHint')}
        </p>
      </div>

      <AddCode />

      <div className="my-2">
        <FormStatus pending={pending} saved={status.saved} error={status.error} savedText={status.text} />
      </div>
      {codes.length === 0 ? (
        <p className="text-sm text-slate-600">{t('dispositions.empty')}</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
          {codes.map((c, i) => (
            <li key={c.id} className="flex flex-wrap items-center gap-2 p-2">
              <span className="w-6 text-right text-xs text-slate-500">{i + 1}.</span>
              <CodeName code={c} />
              <span className={`rounded px-1.5 py-0.5 text-xs ${c.retired ? 'bg-slate-200 text-slate-700' : 'bg-green-100 text-green-900'}`}>
                {c.retired ? t('dispositions.retired') : t('dispositions.active')}
              </span>
              <span className="text-xs text-slate-600">{t('dispositions.used', { count: c.used })}</span>
              <span className="ml-auto flex gap-1">
                <Button
                  id={`move-up-${c.id}`}
                  aria-label={t('dispositions.moveUp', { name: c.name })}
                  disabled={pending || i === 0}
                  onClick={() => (setFocus(`move-up-${c.id}`), run(() => moveDispositionAction({ id: c.id, direction: 'up' }), t('dispositions.moved', { name: c.name, position: i })))}
                >
                  <ArrowUp aria-hidden className="size-4" />
                </Button>
                <Button
                  id={`move-down-${c.id}`}
                  aria-label={t('dispositions.moveDown', { name: c.name })}
                  disabled={pending || i === codes.length - 1}
                  onClick={() => (setFocus(`move-down-${c.id}`), run(() => moveDispositionAction({ id: c.id, direction: 'down' }), t('dispositions.moved', { name: c.name, position: i + 2 })))}
                >
                  <ArrowDown aria-hidden className="size-4" />
                </Button>
                <Button disabled={pending} className="inline-flex items-center gap-1" onClick={() => (setFocus(null), run(() => retireDispositionAction({ id: c.id, retired: !c.retired })))}>
                  {c.retired ? <ArchiveRestore aria-hidden className="size-4" /> : <ArchiveX aria-hidden className="size-4" />}
                  {c.retired ? t('dispositions.restore') : t('dispositions.retire')}
                  <span className="sr-only"> {c.name}</span>
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function AddCode() {
  const t = useTranslations('admin');
  const router = useRouter();
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const [saved, setSaved] = useState(false);
  const form = useForm({ resolver: zodResolver(dispositionCreateSchema), defaultValues: { name: '' } });
  const { isSubmitting, errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    if (apply(await addDispositionAction(values), form.setError, 'name')) {
      form.reset({ name: '' });
      setSaved(true);
      router.refresh();
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} onChange={() => setSaved(false)} className="flex flex-wrap items-end gap-2">
      <TextField label={t('dispositions.newCode')} error={msg(errors.name?.message)} className="w-72" {...form.register('name')} />
      <Button type="submit" variant="primary" disabled={isSubmitting} className="mb-0.5 inline-flex items-center gap-1 self-start sm:mt-6">
        <Plus aria-hidden className="size-4" />
        {t('form.add')}
      </Button>
      <span className="sm:mt-6">
        <FormStatus pending={isSubmitting} saved={saved} savedText={t('form.added')} error={errors.root?.server?.message} />
      </span>
    </form>
  );
}

function CodeName({ code }: { code: Code }) {
  const t = useTranslations('admin');
  const router = useRouter();
  const msg = useValidationMessage();
  const apply = useApplyResult();
  const [editing, setEditing] = useState(false);
  const form = useForm({ resolver: zodResolver(dispositionRenameSchema), defaultValues: { id: code.id, name: code.name } });
  const { isSubmitting, errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    if (apply(await renameDispositionAction(values), form.setError, 'name')) {
      setEditing(false);
      router.refresh();
    }
  });
  if (!editing) {
    return (
      <span className="flex items-center gap-2">
        <span className={`font-medium ${code.retired ? 'text-slate-500 line-through' : ''}`}>{code.name}</span>
        <RowButton icon={Pencil} label={t('dispositions.rename')} name={code.name} onClick={() => (form.reset({ id: code.id, name: code.name }), setEditing(true))} />
      </span>
    );
  }
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-wrap items-start gap-2" onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
      <TextField label={<span className="sr-only">{t('dispositions.renameOf', { name: code.name })}</span>} aria-label={t('dispositions.renameOf', { name: code.name })} autoFocus error={msg(errors.name?.message)} {...form.register('name')} />
      <Button type="submit" variant="primary" disabled={isSubmitting}>
        {t('form.save')}
      </Button>
      <Button onClick={() => setEditing(false)}>{t('form.cancel')}</Button>
      {errors.root?.server?.message && <span role="alert" className="text-sm text-red-800">{errors.root.server.message}</span>}
    </form>
  );
}
