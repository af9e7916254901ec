'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { MessageSquarePlus, Pencil, Trash2 } from 'lucide-react';
import type { StandardResponseDto } from '@/lib/responses/responses';
import { PLACEHOLDERS, unknownPlaceholders } from '@/lib/responses/placeholders';
import type { ActionError } from '@/lib/safe-action';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/field';
import { toast } from '@/components/ui/toaster';
import { createResponseAction, deleteResponseAction, updateResponseAction } from './actions';
import { AdminTable } from '../admin-table';

type Form = Pick<StandardResponseDto, 'shortcut' | 'titleEn' | 'titleFr' | 'textEn' | 'textFr'>;
type Errors = Partial<Record<keyof Form, string>>;
const empty: Form = { shortcut: '', titleEn: '', titleFr: '', textEn: '', textFr: '' };

type Result = { data?: StandardResponseDto; serverError?: ActionError; validationErrors?: { fieldErrors?: Partial<Record<keyof Form, string[]>> } } | undefined;

export function ResponsesAdmin({ initial }: { initial: StandardResponseDto[] }) {
  const t = useTranslations('workspace');
  const te = useTranslations('errors');
  const [list, setList] = useState(initial);
  const [editing, setEditing] = useState<{ id: string | null; form: Form } | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [deleting, setDeleting] = useState<StandardResponseDto | null>(null);
  const [busy, setBusy] = useState(false);

  const fieldError = (code: string | undefined) => (code ? t(`admin.fieldError.${code as 'required'}`) : undefined);

  const save = async () => {
    if (!editing) return;
    setBusy(true);
    const r = (editing.id ? await updateResponseAction({ id: editing.id, ...editing.form }) : await createResponseAction(editing.form)) as Result;
    setBusy(false);
    if (r?.validationErrors?.fieldErrors) {
      const fe = r.validationErrors.fieldErrors;
      return setErrors(Object.fromEntries(Object.entries(fe).map(([k, v]) => [k, fieldError(v?.[0])])) as Errors);
    }
    if (r?.serverError) {
      if (r.serverError.code === 'conflict') return setErrors({ shortcut: t('admin.shortcutTaken') });
      return void toast.error(te(r.serverError.code as 'internal'));
    }
    if (!r?.data) return void toast.error(te('internal'));
    const saved = r.data;
    setList((l) => [...l.filter((x) => x.id !== saved.id), saved].sort((a, b) => a.shortcut.localeCompare(b.shortcut)));
    setEditing(null);
    toast.success(t('admin.saved'));
  };

  const remove = async () => {
    if (!deleting) return;
    const r = (await deleteResponseAction({ id: deleting.id })) as { serverError?: ActionError } | undefined;
    if (r?.serverError) return void toast.error(te(r.serverError.code as 'internal'));
    setList((l) => l.filter((x) => x.id !== deleting.id));
    setDeleting(null);
    toast.success(t('admin.deleted'));
  };

  const set = (k: keyof Form) => (e: { target: { value: string } }) => editing && setEditing({ ...editing, form: { ...editing.form, [k]: e.target.value } });
  const unknown = editing ? [...new Set([...unknownPlaceholders(editing.form.textEn), ...unknownPlaceholders(editing.form.textFr)])] : [];

  return (
    <main className="mx-auto max-w-5xl overflow-y-auto p-6">
      <h1 className="mb-2 text-lg font-semibold">{t('admin.title')}</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('admin.intro', { placeholders: PLACEHOLDERS.map((p) => `{${p}}`).join(', ') })}</p>
      <Button
        variant="primary"
        className="mb-4 inline-flex items-center gap-1"
        onClick={() => {
          setErrors({});
          setEditing({ id: null, form: empty });
        }}
      >
        <MessageSquarePlus aria-hidden className="size-4" />
        {t('admin.create')}
      </Button>
      {list.length === 0 ? (
        <p className="text-slate-700">{t('admin.none')}</p>
      ) : (
        <AdminTable columns={[t('admin.columns.shortcut'), t('admin.columns.title'), t('admin.textEn'), t('admin.textFr'), t('admin.columns.actions')]}>
          {list.map((r) => (
            <tr key={r.id} className="border-b border-slate-200 align-top">
              <td className="py-1 pr-2 font-mono">/{r.shortcut}</td>
              <td className="py-1 pr-2">
                {r.titleEn}
                <br />
                <span className="text-slate-700" lang="fr">
                  {r.titleFr}
                </span>
              </td>
              <td className="max-w-xs whitespace-pre-wrap break-words py-1 pr-2">{r.textEn}</td>
              <td className="max-w-xs whitespace-pre-wrap break-words py-1 pr-2" lang="fr">
                {r.textFr}
              </td>
              <td className="py-1">
                <span className="flex gap-2">
                  <Button
                    className="inline-flex items-center gap-1 px-2 py-0.5"
                    aria-label={t('admin.edit', { shortcut: r.shortcut })}
                    onClick={() => {
                      setErrors({});
                      setEditing({ id: r.id, form: { shortcut: r.shortcut, titleEn: r.titleEn, titleFr: r.titleFr, textEn: r.textEn, textFr: r.textFr } });
                    }}
                  >
                    <Pencil aria-hidden className="size-3.5" />
                    {t('notes.edit')}
                  </Button>
                  <Button variant="danger" className="inline-flex items-center gap-1 px-2 py-0.5" aria-label={t('admin.delete', { shortcut: r.shortcut })} onClick={() => setDeleting(r)}>
                    <Trash2 aria-hidden className="size-3.5" />
                    {t('notes.delete')}
                  </Button>
                </span>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      <Dialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)}>
        {editing && (
          <DialogContent title={editing.id ? t('admin.editTitle') : t('admin.createTitle')} closeLabel={t('close')}>
            <form
              className="flex flex-col gap-3"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <TextField label={t('admin.shortcut')} hint={t('admin.shortcutHint')} value={editing.form.shortcut} maxLength={32} onChange={set('shortcut')} error={errors.shortcut} />
              <TextField label={t('admin.titleEn')} value={editing.form.titleEn} maxLength={100} onChange={set('titleEn')} error={errors.titleEn} />
              <TextField label={t('admin.titleFr')} value={editing.form.titleFr} maxLength={100} onChange={set('titleFr')} error={errors.titleFr} lang="fr" />
              <TextAreaField label={t('admin.textEn')} rows={4} value={editing.form.textEn} onChange={set('textEn')} error={errors.textEn} />
              <TextAreaField label={t('admin.textFr')} rows={4} value={editing.form.textFr} onChange={set('textFr')} error={errors.textFr} lang="fr" />
              {unknown.length > 0 && <p className="text-sm text-amber-900">{t('admin.unknownPlaceholders', { names: unknown.map((u) => `{${u}}`).join(', ') })}</p>}
              <div className="flex justify-end gap-2">
                <Button onClick={() => setEditing(null)}>{t('cancel')}</Button>
                <Button type="submit" variant="primary" disabled={busy}>
                  {t('save')}
                </Button>
              </div>
            </form>
          </DialogContent>
        )}
      </Dialog>

      <Dialog open={deleting !== null} onOpenChange={(o) => !o && setDeleting(null)}>
        {deleting && (
          <DialogContent title={t('admin.deleteTitle')} description={t('admin.deleteConfirm', { shortcut: deleting.shortcut })} closeLabel={t('close')}>
            <div className="flex justify-end gap-2">
              <Button onClick={() => setDeleting(null)}>{t('cancel')}</Button>
              <Button variant="danger" onClick={() => void remove()}>
                {t('admin.delete', { shortcut: deleting.shortcut })}
              </Button>
            </div>
          </DialogContent>
        )}
      </Dialog>
    </main>
  );
}
