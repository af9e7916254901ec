/**
 * Rating at the end (CSAT, issue 18): 1 to 5 with an optional comment, accepted once per chat,
 * only with the chat's secret and only once the chat has ended. One conditional UPDATE decides,
 * so a replay or a concurrent double-submit can never overwrite the first rating.
 */
import type { Db } from '@/lib/db';
import { hashSecret } from '@/lib/interactions/core/access';

export const COMMENT_MAX = 2000;

export type RatingResult = 'rated' | 'alreadyRated' | 'notAllowed' | 'invalid';

export function validRating(rating: unknown, comment: unknown): boolean {
  return Number.isInteger(rating) && (rating as number) >= 1 && (rating as number) <= 5 && (comment == null || (typeof comment === 'string' && comment.length <= COMMENT_MAX));
}

export async function rateInteraction(db: Db, input: { chatId: string; secret: string; rating: number; comment?: string | null }): Promise<RatingResult> {
  if (!validRating(input.rating, input.comment)) return 'invalid';
  const comment = input.comment?.trim() || null;
  const count = await db.$executeRaw`
    UPDATE "Interaction" SET "rating" = ${input.rating}, "ratingComment" = ${comment}, "ratedAt" = now()
     WHERE "id" = ${input.chatId} AND "secretHash" = ${hashSecret(input.secret)}
       AND "status"::text IN ('ENDED', 'DONE') AND "ratedAt" IS NULL`;
  if (count === 1) return 'rated';
  const row = await db.interaction.findUnique({ where: { id: input.chatId }, select: { secretHash: true, ratedAt: true } });
  // the same answer for an unknown chat and a wrong secret: nothing leaks about other chats
  if (!row || row.secretHash !== hashSecret(input.secret)) return 'notAllowed';
  return row.ratedAt ? 'alreadyRated' : 'notAllowed';
}
