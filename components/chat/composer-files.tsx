'use client';

import { Paperclip, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState } from 'react';
import { checkBeforeUpload, DEFAULT_ALLOWED_TYPES } from '@/lib/attachments/limits';
import type { AttachmentRef } from '@/lib/realtime/channels';
import { UploadRefused } from './attachments';

/** How one composer uploads: the call (with progress), and the size limit the browser can check first. */
export interface ComposerAttach {
  upload: (file: File, clientId: string, onProgress: (p: number) => void) => Promise<AttachmentRef>;
  maxFileSizeMb: number;
  byContact: boolean;
  contactsEnabled?: boolean;
}

interface Item {
  key: string;
  name: string;
  progress: number;
  file?: AttachmentRef;
}

const newId = () => crypto.randomUUID().replace(/-/g, '');

/** The files picked in one composer: uploaded at once (each under its own client id), sent with the next message. */
export function useComposerFiles(attach: ComposerAttach | undefined) {
  const t = useTranslations('attachments');
  const [items, setItems] = useState<Item[]>([]);
  const [errors, setErrors] = useState<string[]>([]);

  const add = useCallback(
    (picked: File[]) => {
      if (!attach || picked.length === 0) return;
      const problems: string[] = [];
      for (const file of picked) {
        // What the browser can tell before uploading (the server checks again, always).
        const refusal = checkBeforeUpload({ maxFileSizeMb: attach.maxFileSizeMb, allowedTypes: DEFAULT_ALLOWED_TYPES, contactsEnabled: attach.contactsEnabled ?? true }, { size: file.size, byContact: attach.byContact });
        if (refusal) {
          problems.push(t(`refused.${refusal}`, { name: file.name, max: attach.maxFileSizeMb }));
          continue;
        }
        const key = newId();
        setItems((xs) => [...xs, { key, name: file.name, progress: 0 }]);
        attach
          .upload(file, key, (p) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, progress: p } : x))))
          .then((stored) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, progress: 1, file: stored } : x))))
          .catch((e: unknown) => {
            setItems((xs) => xs.filter((x) => x.key !== key));
            const reason = e instanceof UploadRefused ? e.reason : 'failed';
            const known = ['empty', 'tooLarge', 'typeNotAllowed', 'truncated', 'disabled', 'scan', 'chatBudget', 'addressBudget', 'busy'].includes(reason) ? reason : 'failed';
            setErrors((es) => [...es, t(`refused.${known as 'failed'}`, { name: file.name, max: attach.maxFileSizeMb })]);
          });
      }
      setErrors(problems);
    },
    [attach, t],
  );

  const ready = items.flatMap((i) => (i.file ? [i.file] : []));
  return {
    items,
    errors,
    ready,
    busy: items.some((i) => !i.file),
    add,
    remove: (key: string) => setItems((xs) => xs.filter((x) => x.key !== key)),
    clear: () => (setItems([]), setErrors([])),
  };
}
type Files = ReturnType<typeof useComposerFiles>;

/** The "Attach file" control: a real file input (keyboard and screen readers reach it), styled as a button. */
export function AttachInput({ files, disabled }: { files: Files; disabled?: boolean }) {
  const t = useTranslations('attachments');
  const input = useRef<HTMLInputElement>(null);
  return (
    <label className={`inline-flex cursor-pointer items-center gap-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 focus-within:outline-2 focus-within:outline-blue-600 hover:bg-slate-50 ${disabled ? 'opacity-50' : ''}`}>
      <Paperclip aria-hidden className="size-4" />
      {t('attach')}
      <input
        ref={input}
        type="file"
        multiple
        disabled={disabled}
        className="sr-only"
        onChange={(e) => {
          files.add(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
    </label>
  );
}

/** Files picked so far, with upload progress, and any refusal in words. */
export function FilePicker({ files }: { files: Files }) {
  const t = useTranslations('attachments');
  return (
    <>
      {files.errors.length > 0 && (
        <div role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-800">
          {files.errors.map((e, i) => (
            <p key={i}>{e}</p>
          ))}
        </div>
      )}
      {files.items.length > 0 && (
        <ul aria-label={t('attached')} className="flex flex-wrap gap-2 text-xs">
          {files.items.map((i) => (
            <li key={i.key} className="flex items-center gap-1 rounded border border-slate-300 px-2 py-1">
              <span>{i.name}</span>
              {!i.file && <progress aria-label={t('uploading', { name: i.name })} max={1} value={i.progress} className="h-2 w-16" />}
              <button type="button" aria-label={t('remove', { name: i.name })} className="rounded p-0.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600" onClick={() => files.remove(i.key)}>
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
