import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/audit';
import { requireStaffAccess, type Staff } from '@/lib/interactions/core/access';

// A10: notes on an interaction's history, with author and time. Only their author edits or
// deletes them; every change is audited in the transaction that makes it. A deleted note is kept
// (deletedAt) so the audit's reference stays meaningful, and is no longer listed.

export const NOTE_MAX = 2000;

export interface NoteDto {
  id: string;
  interactionId: string;
  text: string;
  authorId: string;
  authorName: string;
  authorNickname: string | null;
  createdAt: string;
  updatedAt: string | null;
}

const noteSelect = {
  id: true,
  interactionId: true,
  text: true,
  authorId: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { name: true, nickname: true } },
} as const;

type NoteRow = { id: string; interactionId: string; text: string; authorId: string; createdAt: Date; updatedAt: Date | null; author: { name: string; nickname: string | null } };

export function noteDto(n: NoteRow): NoteDto {
  return {
    id: n.id,
    interactionId: n.interactionId,
    text: n.text,
    authorId: n.authorId,
    authorName: n.author.name,
    authorNickname: n.author.nickname,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt?.toISOString() ?? null,
  };
}

export async function listNotes(user: Staff, interactionId: string): Promise<NoteDto[]> {
  await requireStaffAccess(user, interactionId, 'read');
  const rows = await db.note.findMany({ where: { interactionId, deletedAt: null }, orderBy: { createdAt: 'asc' }, select: noteSelect });
  return rows.map(noteDto);
}

export async function addNote(user: Staff, interactionId: string, text: string): Promise<NoteDto> {
  await requireStaffAccess(user, interactionId, 'act');
  return db.$transaction(async (tx) => {
    const note = await tx.note.create({ data: { interactionId, authorId: user.id, text }, select: noteSelect });
    await recordAudit(tx, { actorId: user.id, action: 'note.create', target: `note:${note.id}`, after: { interactionId, text } });
    return noteDto(note);
  });
}

/** The caller's own live note, locked for the change; anyone else's is "not found". */
async function ownNote(user: Staff, noteId: string) {
  const note = await db.note.findFirst({ where: { id: noteId, deletedAt: null }, select: { id: true, authorId: true, interactionId: true } });
  if (!note) throw new AppError('notFound');
  if (note.authorId !== user.id) throw new AppError('forbidden');
  await requireStaffAccess(user, note.interactionId, 'act');
  return note;
}

export async function editNote(user: Staff, noteId: string, text: string): Promise<NoteDto> {
  await ownNote(user, noteId);
  return db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ text: string }[]>`SELECT text FROM "Note" WHERE id = ${noteId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!before) throw new AppError('notFound');
    const note = await tx.note.update({ where: { id: noteId }, data: { text, updatedAt: new Date() }, select: noteSelect });
    await recordAudit(tx, { actorId: user.id, action: 'note.update', target: `note:${noteId}`, before: { text: before.text }, after: { text } });
    return noteDto(note);
  });
}

export async function deleteNote(user: Staff, noteId: string): Promise<{ id: string }> {
  await ownNote(user, noteId);
  await db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ text: string }[]>`SELECT text FROM "Note" WHERE id = ${noteId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!before) throw new AppError('notFound');
    await tx.note.update({ where: { id: noteId }, data: { deletedAt: new Date() } });
    await recordAudit(tx, { actorId: user.id, action: 'note.delete', target: `note:${noteId}`, before: { text: before.text } });
  });
  return { id: noteId };
}
