'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatSize, isInlineImage } from '@/lib/attachments/limits';
import type { AttachmentRef, MessageDto } from '@/lib/realtime/channels';

/**
 * How a page reaches a file's bytes: staff by a same-site address their session cookie opens;
 * the contact by a fetch carrying the chat secret (the bare address opens nothing), shown from a
 * blob URL.
 */
export type FileSource = { kind: 'url'; url: (m: MessageDto, a: AttachmentRef) => string } | { kind: 'fetch'; load: (m: MessageDto, a: AttachmentRef) => Promise<Blob> };

export const staffFileSource: FileSource = {
  kind: 'url',
  url: (m, a) => `/api/interactions/${encodeURIComponent(m.interactionId)}/files/${encodeURIComponent(a.id)}`,
};

export class UploadRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Uploads one file as the raw body, reporting progress (0–1); resolves with the stored file. */
export function uploadFile(opts: { url: string; file: File; clientId: string; headers?: Record<string, string>; onProgress: (p: number) => void }): Promise<AttachmentRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', opts.url);
    xhr.setRequestHeader('x-file-name', encodeURIComponent(opts.file.name));
    xhr.setRequestHeader('x-client-id', opts.clientId);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && opts.onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { file?: AttachmentRef; error?: { reason?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: handled below
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.file) resolve(body.file);
      else reject(new UploadRefused(body.error?.reason ?? (xhr.status === 413 ? 'tooLarge' : 'failed')));
    };
    xhr.onerror = () => reject(new UploadRefused('failed'));
    xhr.send(opts.file);
  });
}

function useFileUrl(source: FileSource, m: MessageDto, a: AttachmentRef, eager: boolean): [string | null, () => Promise<string>] {
  const direct = source.kind === 'url' ? source.url(m, a) : null;
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  const load = async () => {
    if (direct) return direct;
    if (blobUrl) return blobUrl;
    const url = URL.createObjectURL(await (source as Extract<FileSource, { kind: 'fetch' }>).load(m, a));
    setBlobUrl(url);
    return url;
  };
  useEffect(() => {
    if (eager && !direct) void load().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per file
  }, [a.id]);
  useEffect(() => () => void (blobUrl && URL.revokeObjectURL(blobUrl)), [blobUrl]);
  return [direct ?? blobUrl, load];
}

/** A purged or erased file: words in place of a link to bytes that are gone. */
function RemovedFile() {
  const t = useTranslations('attachments');
  return <span className="text-sm italic text-slate-700">{t('removed')}</span>;
}

function OneFile({ source, m, a }: { source: FileSource; m: MessageDto; a: AttachmentRef }) {
  if (a.removed) return <RemovedFile />;
  return <StoredFile source={source} m={m} a={a} />;
}

function StoredFile({ source, m, a }: { source: FileSource; m: MessageDto; a: AttachmentRef }) {
  const t = useTranslations('attachments');
  const image = isInlineImage(a.type);
  const [url, load] = useFileUrl(source, m, a, image);
  if (image) {
    return (
      <a href={url ?? undefined} target="_blank" rel="noopener noreferrer" aria-label={t('openFull', { name: a.name })} className="inline-block">
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, authenticated file, not a static asset */}
        {url && <img src={url} alt={a.name} className="max-h-48 max-w-full rounded border border-slate-200 object-contain" style={{ maxWidth: 'min(100%, 16rem)' }} />}
      </a>
    );
  }
  return (
    <a
      href={url ?? '#'}
      download={a.name}
      onClick={async (e) => {
        if (url) return;
        e.preventDefault();
        const target = e.currentTarget;
        const href = await load();
        target.href = href;
        target.click();
      }}
      className="font-semibold text-blue-800 underline"
    >
      {t('fileLink', { name: a.name, size: formatSize(a.size), type: a.type })}
    </a>
  );
}

/** The files of one message: images inline (bounded, the name as alt, open full size), others as links. */
export function MessageFiles({ message, source }: { message: MessageDto; source: FileSource }) {
  if (!message.attachments?.length) return null;
  return (
    <ul className="mt-1 flex flex-col gap-1">
      {message.attachments.map((a) => (
        <li key={a.id}>
          <OneFile source={source} m={message} a={a} />
        </li>
      ))}
    </ul>
  );
}
