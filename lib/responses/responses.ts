import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAudit } from '@/lib/audit/audit';
import { requireStaffAccess, type Staff } from '@/lib/interactions/core/access';
import { MESSAGE_MAX } from '@/lib/interactions/core/schemas';
import { isText } from '@/lib/case-data/validate';
import { firstNameOf, type PlaceholderValues } from './placeholders';

// A15: the library of standard responses (admin-managed, both languages) and what the composer
// gets for one chat.

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'required').max(max, 'tooLong'))
    .refine(isText, 'invalidText');

export const responseInputSchema = z.object({
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'shortcut'),
  titleEn: text(100),
  titleFr: text(100),
  textEn: text(MESSAGE_MAX),
  textFr: text(MESSAGE_MAX),
});
export type ResponseInput = z.infer<typeof responseInputSchema>;

export interface StandardResponseDto {
  id: string;
  shortcut: string;
  titleEn: string;
  titleFr: string;
  textEn: string;
  textFr: string;
  updatedAt: string;
}

const select = { id: true, shortcut: true, titleEn: true, titleFr: true, textEn: true, textFr: true, updatedAt: true } as const;
const dto = (r: Prisma.StandardResponseGetPayload<{ select: typeof select }>): StandardResponseDto => ({ ...r, updatedAt: r.updatedAt.toISOString() });

function requireAdmin(user: Staff) {
  if (user.role !== 'ADMIN') throw new AppError('forbidden');
}

function shortcutTaken(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

export async function listResponses(user: Staff): Promise<StandardResponseDto[]> {
  requireAdmin(user);
  return (await db.standardResponse.findMany({ orderBy: { shortcut: 'asc' }, select })).map(dto);
}

export async function createResponse(user: Staff, input: ResponseInput): Promise<StandardResponseDto> {
  requireAdmin(user);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.standardResponse.create({ data: input, select });
      await recordAudit(tx, { actorId: user.id, action: 'standardResponse.create', target: `standardResponse:${row.id}`, after: input });
      return dto(row);
    });
  } catch (e) {
    if (shortcutTaken(e)) throw new AppError('conflict', 'shortcut taken');
    throw e;
  }
}

export async function updateResponse(user: Staff, id: string, input: ResponseInput): Promise<StandardResponseDto> {
  requireAdmin(user);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.standardResponse.findUnique({ where: { id }, select });
      if (!before) throw new AppError('notFound');
      const row = await tx.standardResponse.update({ where: { id }, data: input, select });
      await recordAudit(tx, { actorId: user.id, action: 'standardResponse.update', target: `standardResponse:${id}`, before, after: input });
      return dto(row);
    });
  } catch (e) {
    if (shortcutTaken(e)) throw new AppError('conflict', 'shortcut taken');
    throw e;
  }
}

export async function deleteResponse(user: Staff, id: string): Promise<{ id: string }> {
  requireAdmin(user);
  await db.$transaction(async (tx) => {
    const before = await tx.standardResponse.findUnique({ where: { id }, select });
    if (!before) throw new AppError('notFound');
    await tx.standardResponse.delete({ where: { id } });
    await recordAudit(tx, { actorId: user.id, action: 'standardResponse.delete', target: `standardResponse:${id}`, before });
  });
  return { id };
}

export interface ChatResponses {
  language: 'en' | 'fr';
  responses: { id: string; shortcut: string; titleEn: string; titleFr: string; text: string }[];
  values: PlaceholderValues;
}

/** The library in the chat's language, and the values its placeholders take in this chat. */
export async function responsesForChat(user: Staff, interactionId: string): Promise<ChatResponses> {
  await requireStaffAccess(user, interactionId, 'act');
  const [chat, me, rows] = await Promise.all([
    db.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { language: true, subject: true, contactName: true, queue: { select: { name: true } } } }),
    db.participant.findFirst({ where: { interactionId, userId: user.id, leftAt: null }, orderBy: { joinedAt: 'desc' }, select: { displayName: true } }),
    db.standardResponse.findMany({ orderBy: { shortcut: 'asc' }, select }),
  ]);
  const language = chat.language === 'fr' ? 'fr' : 'en';
  return {
    language,
    responses: rows.map((r) => ({ id: r.id, shortcut: r.shortcut, titleEn: r.titleEn, titleFr: r.titleFr, text: language === 'fr' ? r.textFr : r.textEn })),
    values: {
      // What the contact typed for this chat, as the transcript shows it: never the linked
      // contact record's name, which an unverified email can point at (security round 2, defect 4).
      'contact.firstName': firstNameOf(chat.contactName),
      'contact.name': chat.contactName,
      'agent.nickname': me?.displayName ?? null,
      'chat.subject': chat.subject,
      'queue.name': chat.queue.name,
    },
  };
}
