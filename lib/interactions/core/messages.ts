import 'server-only';
import { db, hotQuery, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import type { Visibility } from '@/lib/realtime/channels';
import { AppendBatcher, batchable } from './append-batch';
import { maskForStorage } from '@/lib/privacy/mask-message';
import { MESSAGE_COLUMNS, MESSAGE_CREATED_AT, MESSAGE_INSERT_COLUMNS, pendingKindOf, pendingSinceAfter, type Appended, type NewMessage } from './chat-store';
import { newId, rawToDto, type RawMessage } from './message-rows';

async function existing(client: Tx | typeof db, interactionId: string, clientId: string): Promise<Appended | null> {
  const query = Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM "Message" WHERE "interactionId" = ${interactionId} AND "clientId" = ${clientId}`;
  const rows = client === db ? await hotQuery<RawMessage>(query) : await client.$queryRaw<RawMessage[]>(query);
  return rows[0] ? { message: rawToDto(rows[0]), duplicate: true } : null;
}

/**
 * Stores one message with the next seq of its stream. The interaction row's UPDATE takes the
 * row lock, so concurrent sends to one chat serialise there and get 1, 2, 3 … with no gap; a
 * retry with the same client id returns the stored message instead of a second copy.
 *
 * The send path does not look for a prior copy first (a query per message for the rare retry):
 * the unique index on (interactionId, clientId) refuses the copy and the statement, with its
 * seq, is undone; only then is the stored message looked up and returned.
 */
export async function appendMessage(raw: NewMessage, tx?: Tx): Promise<Appended> {
  // Card numbers and admin patterns masked before the insert (issue 22): single and batched alike.
  const input = await maskForStorage(raw);
  if (tx) {
    // Inside a caller's transaction a refused INSERT would abort it: look for a prior copy first.
    if (input.clientId) {
      const prior = await existing(tx, input.interactionId, input.clientId);
      if (prior) return prior;
    }
    return insert(tx, input);
  }
  if (env.GROUP_COMMIT && batchable(input)) return batcher.append(input);
  return appendAlone(input);
}

/** The one-message path outside a transaction (and the group commit's fallback). */
async function appendAlone(input: NewMessage): Promise<Appended> {
  try {
    return await insert(db, input);
  } catch (e) {
    // A retry of a stored message: its client id is taken (also when two sends with one client id
    // raced), or the chat has closed since it was stored — either way the stored one is the answer.
    const retryOfStored =
      isUniqueViolation(e) ||
      (e instanceof AppError && (e.code === 'chatClosed' || e.code === 'notFound'));
    if (input.clientId && retryOfStored) {
      const prior = await existing(db, input.interactionId, input.clientId);
      if (prior) return prior;
    }
    throw e;
  }
}

const batcher = new AppendBatcher(appendAlone);
export const groupCommitStats = batcher.stats;

function isUniqueViolation(e: unknown): boolean {
  // From pg directly (hotQuery): PostgreSQL's own code.
  if ((e as { code?: unknown } | null)?.code === '23505') return true;
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (e.code === 'P2002') return true;
  // a raw query's error carries the PostgreSQL code
  const meta = e.meta as { code?: string; driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined;
  return e.code === 'P2010' && (meta?.code === '23505' || meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation' || meta?.driverAdapterError?.cause?.originalCode === '23505');
}

/**
 * The append as ONE statement: the interaction row's UPDATE … RETURNING seq (which takes the row
 * lock) feeds the INSERT, so a refused INSERT undoes the seq with it — atomic without an
 * interactive transaction, in one round trip (a transaction per message exhausted the pool
 * under load). Inside a caller's transaction it runs on that transaction's connection.
 */
async function insert(client: Tx | typeof db, input: NewMessage): Promise<Appended> {
  const visibility = input.visibility ?? 'EVERYONE';
  const kind = pendingKindOf(input);
  const after = pendingSinceAfter({
    lastKind: Prisma.sql`${kind}::text`,
    replied: Prisma.sql`${kind === 'a'}`,
    pendingSince: Prisma.sql`"pendingSince"`,
    firstResponseAt: Prisma.sql`"firstResponseAt"`,
  });
  const query = Prisma.sql`
    WITH u AS (
      UPDATE "Interaction" SET
        "lastSeq" = "lastSeq" + ${visibility === 'EVERYONE' ? 1 : 0},
        "lastInternalSeq" = "lastInternalSeq" + ${visibility === 'INTERNAL' ? 1 : 0},
        "pendingSince" = ${after.pendingSince},
        "firstResponseAt" = ${after.firstResponseAt}
      WHERE id = ${input.interactionId} AND status::text = ANY(${[...input.allowedStatuses]})
      RETURNING (CASE WHEN ${visibility === 'EVERYONE'} THEN "lastSeq" ELSE "lastInternalSeq" END) AS seq
    )
    INSERT INTO "Message" (${MESSAGE_INSERT_COLUMNS})
    SELECT ${newId()}::text, ${input.interactionId}::text, ${visibility}::text::"Visibility", u.seq, ${input.clientId ?? null}::text,
           ${input.event ? 'SYSTEM' : 'TEXT'}::text::"MessageKind", ${input.senderType}::text::"SenderType", ${input.senderUserId ?? null}::text,
           ${input.senderName}::text, ${input.event ?? null}::text, ${JSON.stringify(input.eventData ?? null)}::jsonb, ${input.text ?? ''}::text,
           ${MESSAGE_CREATED_AT}, ${visibility === 'INTERNAL' ? (input.thread ?? null) : null}::text,
           ${input.attachments?.length ? JSON.stringify(input.attachments) : null}::jsonb
    FROM u
    RETURNING ${MESSAGE_COLUMNS}`;
  // Outside a transaction this is the send path: plain pg on Prisma's pool (see hotQuery).
  const rows = client === db ? await hotQuery<RawMessage>(query) : await client.$queryRaw<RawMessage[]>(query);
  const m = rows[0];
  if (!m) {
    const found = await client.interaction.findUnique({ where: { id: input.interactionId }, select: { id: true } });
    throw found ? new AppError('chatClosed') : new AppError('notFound');
  }
  return { message: rawToDto(m), duplicate: false };
}

export async function listMessages(opts: { interactionId: string; visibility: Visibility; afterSeq?: number; limit?: number }) {
  // Raw SQL: every reconnect and seq gap of every client lands here.
  const rows = await hotQuery<RawMessage>(Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM "Message"
    WHERE "interactionId" = ${opts.interactionId} AND visibility = ${opts.visibility}::text::"Visibility" AND seq > ${opts.afterSeq ?? 0}
    ORDER BY seq LIMIT ${Math.min(opts.limit ?? 500, 1000)}`);
  return rows.map(rawToDto);
}
