'use client';

import { Download, Search, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Section } from '../form-kit';
import { eraseContactAction, searchContactsAction } from '../lifecycle-actions';
import { AdminTable } from '../admin-table';

interface Found {
  id: string;
  name: string;
  createdAt: Date | string;
  emails: { email: string }[];
  phones: { phone: string }[];
  _count: { interactions: number };
}

/** Issue 22: the admin page "Contacts": find a contact (name, email, phone), export their data or erase them. */
export function ContactsSearch() {
  const t = useTranslations('lifecycle.contacts');
  const te = useTranslations('errors');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Found[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [erasing, setErasing] = useState<Found | null>(null);

  const errorText = (r: { serverError?: { code?: string }; validationErrors?: unknown } | undefined) =>
    r?.validationErrors ? te('invalidInput') : te.has(r?.serverError?.code ?? '') ? te(r!.serverError!.code as 'internal') : te('internal');
  const nameOf = (c: Found) => c.name || t('noName');

  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setError(undefined);
    const r = await searchContactsAction({ query: query.slice(0, 200) });
    setBusy(false);
    if (r?.data) {
      setResults(r.data);
      setMessage(t('found', { count: r.data.length }));
    } else setError(errorText(r));
  };

  const erase = async (c: Found) => {
    setErasing(null);
    setBusy(true);
    setMessage(t('erasing'));
    setError(undefined);
    const r = await eraseContactAction({ contactId: c.id });
    setBusy(false);
    if (r?.data) {
      setResults((rs) => rs?.filter((x) => x.id !== c.id) ?? null);
      setMessage(t('erased', { name: nameOf(c), chats: r.data.chats }));
    } else {
      setMessage(undefined);
      setError(errorText(r));
    }
  };

  return (
    <Section id="contacts" title={t('title')}>
      <p className="mb-3 text-sm text-slate-700">{t('intro')}</p>
      <form role="search" aria-label={t('search')} noValidate onSubmit={search} className="mb-4 flex max-w-xl items-end gap-2">
        <TextField type="search" className="flex-1" label={t('search')} hint={t('searchHint')} value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
        <Button type="submit" variant="primary" disabled={busy} className="mb-6 inline-flex items-center gap-1">
          <Search aria-hidden className="size-4" />
          {t('searchButton')}
        </Button>
      </form>
      <p role="status" className="mb-3 min-h-5 text-sm">
        {busy && !message ? t('searching') : error ? <span className="text-red-800">{error}</span> : message}
      </p>
      {results && results.length > 0 ? (
        <AdminTable columns={[t('name'), t('emails'), t('phones'), t('chats'), t('actions')]} label={t('results')}>
          {results.map((c) => (
            <tr key={c.id} className="border-b border-slate-200 align-top">
              <th scope="row" className="py-2 pr-3 text-left font-medium">{nameOf(c)}</th>
              <td className="py-2 pr-3">{c.emails.map((e) => e.email).join(', ') || t('none')}</td>
              <td className="py-2 pr-3">{c.phones.map((p) => p.phone).join(', ') || t('none')}</td>
              <td className="py-2 pr-3">{c._count.interactions}</td>
              <td className="py-2">
                <div className="flex flex-wrap gap-2">
                  <a
                    href={`/api/admin/contacts/${encodeURIComponent(c.id)}/export`}
                    download
                    className="inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
                  >
                    <Download aria-hidden className="size-4" />
                    {t('export')}
                  </a>
                  <Button type="button" variant="danger" disabled={busy} className="inline-flex items-center gap-1" onClick={() => setErasing(c)}>
                    <Trash2 aria-hidden className="size-4" />
                    {t('erase')}
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      <Dialog open={erasing !== null} onOpenChange={(open) => (open ? undefined : setErasing(null))}>
        {erasing ? (
          <DialogContent title={t('eraseTitle', { name: nameOf(erasing) })} description={t('eraseText')} closeLabel={t('close')}>
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button type="button">{t('cancel')}</Button>
              </DialogClose>
              <Button type="button" variant="danger" onClick={() => void erase(erasing)}>
                {t('eraseConfirm')}
              </Button>
            </div>
          </DialogContent>
        ) : null}
      </Dialog>
    </Section>
  );
}
