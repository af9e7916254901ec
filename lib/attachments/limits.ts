// Pure rules of attachments shared by the browser and the server: limits, names, how a file is
// served. What a file IS is decided from its bytes in content-type.ts.

export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Every type an admin may allow, with the file-type name of each; HTML, SVG and XML are never among them. */
export const KNOWN_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/x-cfb',
  'application/zip',
] as const;
export type KnownType = (typeof KNOWN_TYPES)[number];

/** A short name per type, for catalogue keys (next-intl keys cannot hold dots or slashes). */
export const TYPE_KEYS: Record<KnownType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/x-cfb': 'cfb',
  'application/zip': 'zip',
};

/** Images, PDF, plain text and common office documents (not bare zip archives). */
export const DEFAULT_ALLOWED_TYPES: KnownType[] = KNOWN_TYPES.filter((t) => t !== 'application/zip');

export const MAX_FILES_PER_MESSAGE = 10;
export const MAX_NAME_LENGTH = 200;

export type Refusal = 'empty' | 'tooLarge' | 'typeNotAllowed' | 'truncated' | 'disabled';

export interface AttachmentPolicy {
  maxFileSizeMb: number;
  allowedTypes: readonly string[];
  contactsEnabled: boolean;
}

export function maxBytes(policy: Pick<AttachmentPolicy, 'maxFileSizeMb'>): number {
  return Math.round(policy.maxFileSizeMb * 1024 * 1024);
}

/**
 * What can be refused before reading a byte: the sender's side (contacts may be switched off) and
 * the size. The browser runs this before uploading; the server runs it again, always.
 */
export function checkBeforeUpload(policy: AttachmentPolicy, file: { size: number; byContact: boolean }): Refusal | null {
  if (file.byContact && !policy.contactsEnabled) return 'disabled';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes(policy)) return 'tooLarge';
  return null;
}

/**
 * A file name safe to store and show: the last path segment only (no directories, no traversal),
 * no control or bidirectional-override characters, at most MAX_NAME_LENGTH characters keeping the
 * extension, never empty.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim()
    .replace(/^\.+/, '');
  if (!cleaned) return 'file';
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return Array.from(cleaned.slice(0, cleaned.length - ext.length)).slice(0, MAX_NAME_LENGTH - Array.from(ext).length).join('') + ext;
}

export function isInlineImage(mime: string): boolean {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(mime);
}

/** The headers of a file response: the stored (detected) type, never sniffed, scripts forbidden. */
export function fileResponseHeaders(file: { name: string; mime: string; size: number }): Record<string, string> {
  const inline = isInlineImage(file.mime);
  const ascii = file.name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return {
    'content-type': inline || file.mime === 'application/pdf' || file.mime.startsWith('application/vnd') ? file.mime : file.mime === 'text/plain' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
    'content-length': String(file.size),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-store',
    'referrer-policy': 'no-referrer',
  };
}

/** "1.2 MB", "640 KB", "12 B": sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
