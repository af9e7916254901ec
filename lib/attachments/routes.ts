import 'server-only';
import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { staffRoute, type StaffResolver } from '@/lib/access/staff-route';
import { clientIp, errorResponse } from '@/lib/http';
import { contactGate } from '@/lib/interactions/contact/contact-api';
import { requireContact, staffAccess, type Staff } from '@/lib/interactions/core/access';
import { isConsulted } from '@/lib/collaboration/consultation';
import { clientIdSchema, idSchema } from '@/lib/interactions/core/schemas';
import { beginUpload, FileRefused, readAttachment, uploadAttachment, type Uploader } from './attachments';
import { fileResponseHeaders, maxBytes, checkBeforeUpload } from './limits';
import { attachmentPolicy } from './settings';

// The file endpoints, for contacts (chat secret) and staff (session). Served by Next.js route
// handlers, never by the fast lane: an upload is a large, possibly slow body, and it must not hold
// the lane kept for small sends. The body is raw bytes (no multipart: nothing to bomb), capped
// while it is read, with a deadline for the whole body and for each pause in it.

const BODY_DEADLINE_MS = 120_000;
const IDLE_MS = 20_000;

async function readUpload(req: Request, cap: number): Promise<Uint8Array> {
  const type = req.headers.get('content-type') ?? '';
  if (/^multipart\//i.test(type)) throw new AppError('invalidInput', 'send the file as the raw request body, not multipart');
  const declared = req.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > cap)) throw new FileRefused('tooLarge');
  if (!req.body) throw new FileRefused('empty');
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const deadline = Date.now() + BODY_DEADLINE_MS;
  try {
    for (;;) {
      const wait = Math.min(IDLE_MS, deadline - Date.now());
      if (wait <= 0) throw new AppError('invalidInput', 'upload too slow');
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new AppError('invalidInput', 'upload too slow')), wait))),
      ]).finally(() => clearTimeout(timer));
      if (next.done) break;
      size += next.value.byteLength;
      if (size > cap) throw new FileRefused('tooLarge');
      chunks.push(next.value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  if (declared !== null && Number(declared) !== size) throw new AppError('invalidInput', 'body length differs from Content-Length');
  return Buffer.concat(chunks);
}

function fileName(req: Request): string {
  const raw = req.headers.get('x-file-name') ?? '';
  if (raw.length > 2000) throw new AppError('invalidInput', 'file name too long');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('invalidInput', 'file name is not percent-encoded UTF-8');
  }
}

function refusedResponse(e: unknown): Response {
  if (e instanceof FileRefused) {
    const status = e.reason === 'tooLarge' ? 413 : e.reason === 'busy' ? 503 : e.reason === 'typeNotAllowed' ? 415 : 422;
    const headers: Record<string, string> = e.reason === 'busy' ? { 'retry-after': '5' } : {};
    return NextResponse.json({ error: { code: e.code, reason: e.reason, message: e.message } }, { status, headers });
  }
  return errorResponse(e);
}

async function upload(req: Request, interactionId: string, uploader: Uploader): Promise<Response> {
  const clientId = clientIdSchema.safeParse(req.headers.get('x-client-id'));
  if (!clientId.success) throw new AppError('invalidInput', 'X-Client-Id must be 8–64 letters, digits, - or _');
  const name = fileName(req);
  const policy = await attachmentPolicy();
  const declared = Number(req.headers.get('content-length') ?? 1);
  const early = checkBeforeUpload(policy, { size: Number.isFinite(declared) ? declared : 1, byContact: uploader.type === 'CONTACT' });
  if (early === 'disabled' || early === 'tooLarge') throw new FileRefused(early);
  const address = clientIp(req);
  const release = await beginUpload(address);
  try {
    const bytes = await readUpload(req, maxBytes(policy));
    const file = await uploadAttachment({ interactionId, uploader, clientId: clientId.data, name, bytes, address });
    return NextResponse.json({ file }, { status: 201 });
  } finally {
    release();
  }
}

function serve(file: { name: string; size: number; mime: string; bytes: Uint8Array }): Response {
  return new Response(new Uint8Array(file.bytes), { status: 200, headers: fileResponseHeaders(file) });
}

/** POST /api/v1/chats/{chatId}/files: the contact uploads one file (raw body). */
export async function contactUpload(req: Request, rawChatId: string): Promise<Response> {
  try {
    const { chatId, secret } = await contactGate(req, rawChatId, 'write');
    await requireContact(chatId, secret);
    return await upload(req, chatId, { type: 'CONTACT' });
  } catch (e) {
    return refusedResponse(e);
  }
}

/** GET /api/v1/chats/{chatId}/files/{fileId}: a sent file of the contact's stream, by the chat secret. */
export async function contactDownload(req: Request, rawChatId: string, rawFileId: string): Promise<Response> {
  try {
    const { chatId, secret } = await contactGate(req, rawChatId, 'read');
    await requireContact(chatId, secret);
    const fileId = idSchema.safeParse(rawFileId);
    if (!fileId.success) throw new AppError('notFound');
    return serve(await readAttachment({ interactionId: chatId, fileId: fileId.data, reader: 'contact' }));
  } catch (e) {
    return refusedResponse(e);
  }
}

/**
 * Staff who may read the chat read all its files; the agent consulted on it (T4), who does not
 * get the chat itself, only the consultation thread's. Anyone else: not found.
 */
async function staffFileReader(user: Staff, interactionId: string): Promise<'staff' | 'consultant'> {
  if (await staffAccess(user, interactionId)) return 'staff';
  if (await isConsulted(user.id, interactionId)) return 'consultant';
  throw new AppError('notFound');
}

/**
 * POST /api/interactions/{id}/files: an agent or supervisor who may read the chat, or the agent
 * consulted on it, uploads one file. (Nothing is shown until a message carrying it is sent, and
 * each send path checks that its sender may write there.)
 */
export function staffUpload(req: Request, rawId: string, resolveStaff: StaffResolver): Promise<Response> {
  return staffRoute({ roles: CHAT_STAFF, chat: 'id', resolve: resolveStaff, onError: refusedResponse }, async (req, { user, interactionId }) => {
    await staffFileReader(user, interactionId);
    return await upload(req, interactionId, { type: 'AGENT', userId: user.id });
  })(req, { params: { id: rawId } });
}

/** GET /api/interactions/{id}/files/{fileId}: any file of the chat (both streams) for staff who may read it; a consulted agent's, of the consultation thread only. */
export function staffDownload(req: Request, rawId: string, rawFileId: string, resolveStaff: StaffResolver): Promise<Response> {
  return staffRoute({ roles: CHAT_STAFF, chat: 'id', resolve: resolveStaff, onError: refusedResponse }, async (_req, { user, interactionId }) => {
    const reader = await staffFileReader(user, interactionId);
    const fileId = idSchema.safeParse(rawFileId);
    if (!fileId.success) throw new AppError('notFound');
    return serve(await readAttachment({ interactionId, fileId: fileId.data, reader }));
  })(req, { params: { id: rawId } });
}
