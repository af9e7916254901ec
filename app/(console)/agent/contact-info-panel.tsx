'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Contact as ContactIcon, Pencil } from 'lucide-react';
import type { ContactErrors } from '@/lib/contacts/contact-rules';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/field';
import { toast } from '@/components/ui/toaster';
import { updateContactAction } from './workspace-actions';
import { unwrap } from '@/components/staff/action-result';

export interface ContactView {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
}

const lines = (s: string) => s.split(/[\n,;]+/).map((x) => x.trim()).filter(Boolean);

/**
 * A13: the contact's name, emails and phones; edited in a dialog. Invalid values and values that
 * belong to another contact are refused field by field, with nothing saved.
 */
export function ContactInfoPanel({ interactionId, contact, canAct, onChange }: { interactionId: string; contact: ContactView; canAct: boolean; onChange: (c: ContactView) => void }) {
  const t = useTranslations('workspace');
  const ta = useTranslations('agent');
  const te = useTranslations('errors');
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', emails: '', phones: '' });
  const [errors, setErrors] = useState<ContactErrors & { form?: string }>({});
  const [busy, setBusy] = useState(false);

  const start = () => {
    setForm({ name: contact.name, emails: contact.emails.join('\n'), phones: contact.phones.join('\n') });
    setErrors({});
    setOpen(true);
  };

  const save = async () => {
    setBusy(true);
    const r = unwrap(await updateContactAction({ interactionId, name: form.name, emails: lines(form.emails), phones: lines(form.phones) }));
    setBusy(false);
    if (!r.ok) return setErrors({ form: te(r.code as 'internal') });
    if (!r.data.ok) return setErrors(r.data.errors);
    onChange(r.data.contact);
    setOpen(false);
    toast.success(t('contact.saved'));
  };

  const itemErrors = (list: ContactErrors['emails']) =>
    list?.length ? list.map((e) => t(`contact.error.${e.error}`, { value: e.value })).join(' ') : undefined;

  return (
    <section aria-labelledby={headingId} className="mb-4">
      <h3 id={headingId} className="mb-1 flex items-center gap-1 font-semibold">
        <ContactIcon aria-hidden className="size-4" />
        {ta('contactInfo')}
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1">
        <dt className="text-slate-700">{ta('contactName')}</dt>
        <dd className="break-words">{contact.name}</dd>
        <dt className="text-slate-700">{ta('emails')}</dt>
        <dd className="break-words">{contact.emails.join(', ') || ta('none')}</dd>
        <dt className="text-slate-700">{ta('phones')}</dt>
        <dd>{contact.phones.join(', ') || ta('none')}</dd>
      </dl>
      {canAct && (
        <Dialog open={open} onOpenChange={setOpen}>
          <Button className="mt-2 inline-flex items-center gap-1" onClick={start}>
            <Pencil aria-hidden className="size-3.5" />
            {t('contact.edit')}
          </Button>
          <DialogContent title={t('contact.editTitle')} description={t('contact.editHint')} closeLabel={t('close')}>
            <form
              className="flex flex-col gap-3"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <TextField label={t('contact.name')} value={form.name} maxLength={100} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name ? t(`contact.nameError.${errors.name}`) : undefined} />
              <TextAreaField label={t('contact.emails')} hint={t('contact.onePerLine')} rows={3} value={form.emails} onChange={(e) => setForm({ ...form, emails: e.target.value })} error={itemErrors(errors.emails)} />
              <TextAreaField label={t('contact.phones')} hint={t('contact.onePerLine')} rows={3} value={form.phones} onChange={(e) => setForm({ ...form, phones: e.target.value })} error={itemErrors(errors.phones)} />
              {errors.form && (
                <p role="alert" className="text-sm text-red-800">
                  {errors.form}
                </p>
              )}
              <div className="flex justify-end gap-2">
                <Button onClick={() => setOpen(false)}>{t('cancel')}</Button>
                <Button type="submit" variant="primary" disabled={busy}>
                  {t('contact.save')}
                </Button>
              </div>
            </form>
          </DialogContent>
        </Dialog>
      )}
    </section>
  );
}
