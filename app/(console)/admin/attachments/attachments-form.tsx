'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { KNOWN_TYPES, TYPE_KEYS, type KnownType } from '@/lib/attachments/limits';
import type { AttachmentSettings } from '@/lib/attachments/settings';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { SaveBar, Section } from '../form-kit';
import { saveAttachmentSettingsAction } from './actions';

/** The admin section "Attachments": maximum size, allowed types (decided from content), contacts on/off. */
export function AttachmentsForm({ initial }: { initial: AttachmentSettings }) {
  const t = useTranslations('attachments.admin');
  const te = useTranslations('errors');
  const router = useRouter();
  const [maxMb, setMaxMb] = useState(String(initial.maxFileSizeMb));
  const [types, setTypes] = useState<Set<KnownType>>(new Set(initial.allowedTypes));
  const [contacts, setContacts] = useState(initial.contactsEnabled);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    setSaved(false);
    setError(undefined);
    const r = await saveAttachmentSettingsAction({ maxFileSizeMb: Number(maxMb), allowedTypes: KNOWN_TYPES.filter((k) => types.has(k)), contactsEnabled: contacts });
    setPending(false);
    if (r?.data?.ok) {
      setSaved(true);
      router.refresh();
    } else setError(te(r?.validationErrors ? 'invalidInput' : ((r?.serverError as { code?: string } | undefined)?.code as 'invalidInput') ?? 'invalidInput'));
  };

  return (
    <Section id="attachments" title={t('title')}>
      <p className="mb-3 text-sm text-slate-700">{t('intro')}</p>
      <form noValidate onSubmit={submit} className="flex max-w-xl flex-col gap-4">
        <TextField type="number" inputMode="numeric" min={1} max={100} label={t('maxFileSizeMb')} value={maxMb} onChange={(e) => setMaxMb(e.target.value)} />
        <fieldset className="rounded border border-slate-200 bg-white p-3">
          <legend className="px-1 text-sm font-semibold">{t('allowedTypes')}</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {KNOWN_TYPES.map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={types.has(k)}
                  onChange={(e) => {
                    const next = new Set(types);
                    if (e.target.checked) next.add(k);
                    else next.delete(k);
                    setTypes(next);
                  }}
                />
                {t(`types.${TYPE_KEYS[k]}` as 'types.png')}
              </label>
            ))}
          </div>
        </fieldset>
        <Switch label={t('contactsEnabled')} checked={contacts} onCheckedChange={setContacts} />
        <SaveBar label={t('save')} pending={pending} saved={saved} error={error} />
      </form>
    </Section>
  );
}
