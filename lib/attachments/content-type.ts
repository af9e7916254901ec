import { fileTypeFromBuffer } from 'file-type';
import { checkBeforeUpload, INLINE_IMAGE_TYPES, type AttachmentPolicy, type Refusal } from './limits';

// What a file IS, decided from its bytes: never from its name or the type the sender declared.

export type Detected = { mime: string } | { refusal: 'empty' | 'truncated' | 'typeNotAllowed'; mime?: string };

const MARKUP = /^\s*(<!doctype\s+html|<html|<head|<body|<script|<iframe|<svg|<\?xml|<!--|<[a-z]+[\s>])/i;
const ACTIVE = /<(script|html|svg|iframe|object|embed|body)[\s>/]/i;

/**
 * The file's type from its bytes. Binary formats by their signature (file-type); text is plain text
 * only when it is valid UTF-8 without NULs and does not look like markup (HTML or SVG would run
 * scripts if a browser ever rendered it: it is reported as such, and no policy allows it).
 * A recognised image must also be complete: a truncated one is refused.
 */
export async function detectType(bytes: Uint8Array): Promise<Detected> {
  if (bytes.byteLength === 0) return { refusal: 'empty' };
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (found.mime === 'application/xml') return { refusal: 'typeNotAllowed', mime: /<svg[\s>]/i.test(head(bytes)) ? 'image/svg+xml' : 'application/xml' };
    if ((INLINE_IMAGE_TYPES as readonly string[]).includes(found.mime) && !imageComplete(bytes, found.mime)) return { refusal: 'truncated', mime: found.mime };
    return { mime: found.mime };
  }
  // An image signature file-type could not finish reading (a cut-off header) is a truncated image.
  if (looksLikeImageStart(bytes)) return { refusal: 'truncated' };
  const text = utf8(bytes);
  if (text === null || text.includes('\u0000')) return { refusal: 'typeNotAllowed', mime: 'application/octet-stream' };
  const start = text.slice(0, 4096);
  if (MARKUP.test(start) || ACTIVE.test(start)) return { refusal: 'typeNotAllowed', mime: /<svg[\s>]/i.test(start) ? 'image/svg+xml' : 'text/html' };
  return { mime: 'text/plain' };
}

/** The full decision for one file's bytes under a policy. */
export async function decideFile(policy: AttachmentPolicy, bytes: Uint8Array, byContact: boolean): Promise<{ mime: string } | { refusal: Refusal }> {
  const before = checkBeforeUpload(policy, { size: bytes.byteLength, byContact });
  if (before) return { refusal: before };
  const d = await detectType(bytes);
  if ('refusal' in d) return { refusal: d.refusal };
  if (!policy.allowedTypes.includes(d.mime)) return { refusal: 'typeNotAllowed' };
  return { mime: d.mime };
}

function head(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.byteLength >= sig.length && sig.every((b, i) => bytes[i] === b);
}
function looksLikeImageStart(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.subarray(0, 12));
  return (
    startsWith(bytes, PNG_SIG.slice(0, Math.min(8, bytes.byteLength))) && bytes.byteLength >= 4
  ) || (bytes[0] === 0xff && bytes[1] === 0xd8) || b.subarray(0, 4).toString('latin1') === 'GIF8' || (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP');
}

/** Whether an image's bytes run to its format's end marker (or declared length). */
export function imageComplete(bytes: Uint8Array, mime: string): boolean {
  const n = bytes.byteLength;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, n);
  switch (mime) {
    case 'image/png':
      // The last chunk is IEND: length 0, type "IEND", CRC AE 42 60 82.
      return n >= 20 && b.subarray(n - 12).equals(Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]));
    case 'image/jpeg': {
      // End of image marker, allowing trailing padding some encoders add.
      const tail = b.subarray(Math.max(0, n - 64));
      return tail.includes(Buffer.from([0xff, 0xd9]));
    }
    case 'image/gif':
      return n >= 14 && b[n - 1] === 0x3b;
    case 'image/webp':
      return n >= 12 && b.readUInt32LE(4) + 8 <= n;
    default:
      return true;
  }
}

