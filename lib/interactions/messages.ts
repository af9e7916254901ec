import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Message } from '@/lib/generated/prisma/client';
import type { MessageDto, SenderType, SystemEvent, Visibility } from '@/lib/realtime/channels';
import type { InteractionStatus } from './lifecycle';

export interface NewMessage {
  interactionId: string;
  visibility?: Visibility;
  clientId?: string | null;
  senderType: SenderType;
  senderUserId?: string | null;
  senderName: string;
  text?: string;
  event?: SystemEvent;
  eventData?: Record<string, string>;
  /** The chat must be in one of these statuses, checked under the same row lock that assigns seq. */
  allowedStatuses: readonly InteractionStatus[];
}

export interface Appended {
  message: MessageDto;
  duplicate: boolean;
}

export function toDto(m: Message): MessageDto {
  return {
    id: m.id,
    interactionId: m.interactionId,
    seq: m.seq,
    visibility: m.visibility,
    kind: m.kind,
    senderType: m.senderType,
    senderUserId: m.senderUserId,
    senderName: m.senderName,
    event: (m.event as SystemEvent | null) ?? null,
    eventData: (m.eventData as Record<string, string> | null) ?? null,
    text: m.text,
    clientId: m.clientId,
    createdAt: m.createdAt.toISOString(),
  };
}

async function existing(tx: Tx | typeof db, interactionId: string, clientId: string) {
  const m = await tx.message.findUnique({ where: { interactionId_clientId: { interactionId, clientId } } });
  return m ? { message: toDto(m), duplicate: true } : null;
}

/**
 * Stores one message with the next seq of its stream. The interaction row's UPDATE takes the
 * row lock, so concurrent sends to one chat serialise there and get 1, 2, 3 … with no gap; a
 * retry with the same client id returns the stored message instead of a second copy.
 */
export async function appendMessage(input: NewMessage, tx?: Tx): Promise<Appended> {
  if (input.clientId) {
    const prior = await existing(tx ?? db, input.interactionId, input.clientId);
    if (prior) return prior;
  }
  const run = (t: Tx) => insert(t, input);
  if (tx) return run(tx);
  try {
    return await db.$transaction(run);
  } catch (e) {
    // Two sends with one client id raced past the lookup: the loser's transaction (and its seq)
    // rolled back on the unique index, so the winner's row is the answer.
    if (input.clientId && e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      const prior = await existing(db, input.interactionId, input.clientId);
      if (prior) return prior;
    }
    throw e;
  }
}

async function insert(tx: Tx, input: NewMessage): Promise<Appended> {
  const visibility = input.visibility ?? 'EVERYONE';
  const isText = !input.event;
  const contactText = isText && input.senderType === 'CONTACT';
  const agentReply = isText && input.senderType === 'AGENT' && visibility === 'EVERYONE';
  const rows = await tx.$queryRaw<{ seq: number; status: InteractionStatus }[]>`
    UPDATE "Interaction" SET
      "lastSeq" = "lastSeq" + ${visibility === 'EVERYONE' ? 1 : 0},
      "lastInternalSeq" = "lastInternalSeq" + ${visibility === 'INTERNAL' ? 1 : 0},
      "pendingSince" = CASE WHEN ${contactText} THEN COALESCE("pendingSince", now())
                            WHEN ${agentReply} THEN NULL ELSE "pendingSince" END,
      "firstResponseAt" = CASE WHEN ${agentReply} THEN COALESCE("firstResponseAt", now()) ELSE "firstResponseAt" END
    WHERE id = ${input.interactionId} AND status::text = ANY(${[...input.allowedStatuses]})
    RETURNING (CASE WHEN ${visibility === 'EVERYONE'} THEN "lastSeq" ELSE "lastInternalSeq" END) AS seq, status::text AS status`;
  const row = rows[0];
  if (!row) {
    const found = await tx.interaction.findUnique({ where: { id: input.interactionId }, select: { id: true } });
    throw found ? new AppError('chatClosed') : new AppError('notFound');
  }
  const m = await tx.message.create({
    data: {
      interactionId: input.interactionId,
      visibility,
      seq: row.seq,
      clientId: input.clientId ?? null,
      kind: input.event ? 'SYSTEM' : 'TEXT',
      senderType: input.senderType,
      senderUserId: input.senderUserId ?? null,
      senderName: input.senderName,
      event: input.event ?? null,
      eventData: input.eventData ?? Prisma.JsonNull,
      text: input.text ?? '',
    },
  });
  return { message: toDto(m), duplicate: false };
}

export async function listMessages(opts: { interactionId: string; visibility: Visibility; afterSeq?: number; limit?: number }) {
  const rows = await db.message.findMany({
    where: { interactionId: opts.interactionId, visibility: opts.visibility, seq: { gt: opts.afterSeq ?? 0 } },
    orderBy: { seq: 'asc' },
    take: Math.min(opts.limit ?? 500, 1000),
  });
  return rows.map(toDto);
}
