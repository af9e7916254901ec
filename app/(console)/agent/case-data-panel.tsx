'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { ClipboardList, Pencil } from 'lucide-react';
import type { CaseDataItem } from '@/lib/case-data/case-data';
import { validateCaseValue } from '@/lib/case-data/validate';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toaster';
import { saveCaseValueAction } from './workspace-actions';
import { unwrap } from '@/components/staff/action-result';

/**
 * A11: the chat's case data in the admin's order and labels. Fields the admin marks editable have
 * an Edit control and are validated by type (same rules in the browser and on the server), with
 * the error under the field; the others are plain text, with no control at all.
 */
export function CaseDataPanel({ interactionId, initial, canAct }: { interactionId: string; initial: CaseDataItem[]; canAct: boolean }) {
  const t = useTranslations('agent');
  const headingId = useId();
  const [items, setItems] = useState(initial);
  return (
    <section aria-labelledby={headingId} className="mb-4">
      <h3 id={headingId} className="mb-1 flex items-center gap-1 font-semibold">
        <ClipboardList aria-hidden className="size-4" />
        {t('caseData')}
      </h3>
      <dl className="flex flex-col gap-1">
        {items.map((c) => (
          <CaseDataRow key={c.key} interactionId={interactionId} item={c} canEdit={canAct && c.editable} onSaved={(value) => setItems((list) => list.map((x) => (x.key === c.key ? { ...x, value } : x)))} />
        ))}
      </dl>
    </section>
  );
}

function CaseDataRow({ interactionId, item, canEdit, onSaved }: { interactionId: string; item: CaseDataItem; canEdit: boolean; onSaved: (value: string) => void }) {
  const t = useTranslations('workspace');
  const tc = useTranslations('agent');
  const te = useTranslations('errors');
  const locale = useLocale();
  const label = locale.startsWith('fr') ? item.labelFr || item.label : item.label;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(item.value);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const save = async () => {
    const local = validateCaseValue(item, value);
    if (!local.ok) return setError(t(`valueError.${local.error}`));
    setBusy(true);
    const r = unwrap(await saveCaseValueAction({ interactionId, key: item.key, value }));
    setBusy(false);
    if (!r.ok) return setError(te(r.code as 'internal'));
    if (!r.data.ok) return setError(t(`valueError.${r.data.error}`));
    setError(null);
    setEditing(false);
    onSaved(r.data.value);
    toast.success(t('caseData.saved', { label }));
  };

  if (!editing) {
    return (
      <div className="grid grid-cols-[minmax(6rem,auto)_1fr] items-start gap-x-2">
        <dt className="text-slate-700">{label}</dt>
        <dd className="flex items-start justify-between gap-1 break-words">
          <span>{item.value || tc('none')}</span>
          {canEdit && (
            <Button aria-label={t('caseData.edit', { label })} className="inline-flex shrink-0 items-center gap-1 px-1.5 py-0.5 text-xs" onClick={() => setEditing(true)}>
              <Pencil aria-hidden className="size-3" />
              {t('caseData.editShort')}
            </Button>
          )}
        </dd>
      </div>
    );
  }
  return (
    <div className="rounded border border-slate-300 bg-white p-2">
      <form
        className="flex flex-col gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {item.type === 'LIST' ? (
          <div className="flex flex-col gap-1">
            <span className="text-sm font-medium" aria-hidden>
              {label}
            </span>
            <Select label={label} value={value || undefined} placeholder={tc('none')} onValueChange={setValue} options={item.options.map((o) => ({ value: o, label: o }))} />
            {error && (
              <p id={errorId} role="alert" className="text-sm text-red-800">
                {error}
              </p>
            )}
          </div>
        ) : (
          <TextField
            label={label}
            value={value}
            autoFocus
            inputMode={item.type === 'NUMBER' ? 'decimal' : item.type === 'PHONE' ? 'tel' : item.type === 'EMAIL' ? 'email' : undefined}
            maxLength={500}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
            error={error ?? undefined}
          />
        )}
        <div className="flex justify-end gap-2">
          <Button
            onClick={() => {
              setEditing(false);
              setValue(item.value);
              setError(null);
            }}
          >
            {t('cancel')}
          </Button>
          <Button type="submit" variant="primary" disabled={busy} aria-label={t('caseData.save', { label })}>
            {t('save')}
          </Button>
        </div>
      </form>
    </div>
  );
}
