'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { Pencil, Save, StickyNote, Trash2 } from 'lucide-react';
import type { NoteDto } from '@/lib/notes/notes';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import { toast } from '@/components/ui/toaster';
import { addNoteAction, deleteNoteAction, editNoteAction, listNotesAction } from './workspace-actions';
import { unwrap } from '@/components/staff/action-result';

export function authorLabel(n: { authorNickname: string | null; authorName: string }) {
  return n.authorNickname ? `${n.authorNickname} (${n.authorName})` : n.authorName;
}

/** A10: the Note field, and the notes of this chat with author and time; one's own can be edited or deleted. */
export function NotesPanel({ interactionId, me, canAct }: { interactionId: string; me: string; canAct: boolean }) {
  const t = useTranslations('workspace');
  const te = useTranslations('errors');
  const format = useFormatter();
  const headingId = useId();
  const [notes, setNotes] = useState<NoteDto[]>([]);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void listNotesAction({ interactionId }).then((r) => {
      const u = unwrap(r);
      if (live && u.ok) setNotes(u.data);
    });
    return () => {
      live = false;
    };
  }, [interactionId]);

  const fail = (code: string) => toast.error(te(code as 'internal'));

  const add = async () => {
    if (!draft.trim()) return;
    setBusy(true);
    const r = unwrap(await addNoteAction({ interactionId, text: draft }));
    setBusy(false);
    if (!r.ok) return fail(r.code);
    setNotes((n) => [...n, r.data]);
    setDraft('');
    toast.success(t('notes.saved'));
  };

  const saveEdit = async () => {
    if (!editing || !editing.text.trim()) return;
    const r = unwrap(await editNoteAction({ noteId: editing.id, text: editing.text }));
    if (!r.ok) return fail(r.code);
    setNotes((n) => n.map((x) => (x.id === r.data.id ? r.data : x)));
    setEditing(null);
  };

  const remove = async (id: string) => {
    const r = unwrap(await deleteNoteAction({ noteId: id }));
    if (!r.ok) return fail(r.code);
    setNotes((n) => n.filter((x) => x.id !== id));
    toast.success(t('notes.deleted'));
  };

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    // Not a labelled region: its name ("Notes") would shadow the Note field for people and tests looking it up by label.
    <section className="mb-4">
      <h3 id={headingId} className="mb-1 flex items-center gap-1 font-semibold">
        <StickyNote aria-hidden className="size-4" />
        {t('notes.title')}
      </h3>
      {canAct && (
        <form
          className="mb-2 flex flex-col gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <TextAreaField label={t('notes.note')} rows={3} maxLength={2000} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Button type="submit" disabled={busy || !draft.trim()} className="inline-flex items-center gap-1 self-end">
            <Save aria-hidden className="size-4" />
            {t('notes.save')}
          </Button>
        </form>
      )}
      {notes.length === 0 ? (
        <p className="text-slate-600">{t('notes.none')}</p>
      ) : (
        <ul aria-describedby={headingId} className="flex flex-col gap-2">
          {notes.map((n) => (
            <li key={n.id} className="rounded border border-slate-200 bg-white p-2">
              <p className="text-xs text-slate-600">
                <span className="font-semibold">{authorLabel(n)}</span> · <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
                {n.updatedAt && <> · {t('notes.edited')}</>}
              </p>
              {editing?.id === n.id ? (
                <form
                  className="mt-1 flex flex-col gap-1"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void saveEdit();
                  }}
                >
                  <TextAreaField label={t('notes.editLabel')} rows={3} maxLength={2000} value={editing.text} onChange={(e) => setEditing({ id: n.id, text: e.target.value })} autoFocus />
                  <div className="flex justify-end gap-2">
                    <Button onClick={() => setEditing(null)}>{t('cancel')}</Button>
                    <Button type="submit" variant="primary" disabled={!editing.text.trim()}>
                      {t('notes.saveEdit')}
                    </Button>
                  </div>
                </form>
              ) : (
                <p className="whitespace-pre-wrap break-words">{n.text}</p>
              )}
              {n.authorId === me && canAct && editing?.id !== n.id && (
                <div className="mt-1 flex gap-2">
                  <Button className="inline-flex items-center gap-1 px-2 py-0.5" onClick={() => setEditing({ id: n.id, text: n.text })}>
                    <Pencil aria-hidden className="size-3.5" />
                    {t('notes.edit')}
                  </Button>
                  <Button className="inline-flex items-center gap-1 px-2 py-0.5" onClick={() => void remove(n.id)}>
                    <Trash2 aria-hidden className="size-3.5" />
                    {t('notes.delete')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
