import 'server-only';
import { hotQuery } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { MESSAGE_COLUMNS, MESSAGE_CREATED_AT, MESSAGE_INSERT_COLUMNS, pendingKindOf, pendingSinceAfter, type Appended, type NewMessage } from './chat-store';
import { newId, rawToDto, type RawMessage } from './message-rows';

/**
 * Group commit for the send path. Text messages appended within the same turn of the event loop
 * (and, under load, while earlier batches are still in PostgreSQL) are stored by ONE statement:
 * it locks their chats in id order, numbers each chat's messages after its last seq in arrival
 * order, updates the counters and pending-response fields as one-by-one appends would, and
 * inserts them all. Nothing is broadcast before that statement has committed, so each message
 * is still stored with its seq before anyone hears of it.
 *
 * Anything unusual leaves the batch and takes the one-message path, which already has the
 * answers: a client id already stored (the unique index fails the whole statement, so that
 * batch is replayed message by message), a chat in a status that refuses the message (its row
 * is filtered out), any other error.
 */
export type AppendOne = (input: NewMessage) => Promise<Appended>;

interface Job {
  input: NewMessage;
  resolve: (a: Appended) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 100;
const MAX_CONCURRENT = 4;

export class AppendBatcher {
  private queue: Job[] = [];
  private scheduled = false;
  private running = 0;
  /** For the bench's breakdown: statements run and messages they stored. */
  readonly stats = { statements: 0, messages: 0, fallbacks: 0 };

  constructor(private readonly appendOne: AppendOne) {}

  append(input: NewMessage): Promise<Appended> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.running >= MAX_CONCURRENT || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.running < MAX_CONCURRENT && this.queue.length > 0) {
        const jobs = this.queue.splice(0, MAX_BATCH);
        this.running++;
        void this.run(jobs).finally(() => {
          this.running--;
          this.schedule();
        });
      }
    });
  }

  private async run(jobs: Job[]) {
    const ids = jobs.map(() => newId());
    let stored = new Map<string, Appended>();
    if (jobs.length > 1) {
      try {
        stored = await insertBatch(jobs.map((j) => j.input), ids);
        this.stats.statements++;
      } catch {
        // e.g. a client id already stored: every message of this batch goes alone.
      }
    }
    this.stats.messages += stored.size;
    await Promise.all(
      jobs.map(async (job, n) => {
        const done = stored.get(ids[n]!);
        if (done) return job.resolve(done);
        if (jobs.length > 1) this.stats.fallbacks++;
        try {
          job.resolve(await this.appendOne(job.input));
        } catch (e) {
          job.reject(e);
        }
      }),
    );
  }
}

/** Only plain text with a client id is batched (that is the send path); the rest goes alone. */
export function batchable(input: NewMessage): boolean {
  return !input.event && !!input.clientId && !input.attachments?.length;
}

async function insertBatch(inputs: NewMessage[], ids: string[]): Promise<Map<string, Appended>> {
  const col = <T>(f: (i: NewMessage, n: number) => T) => inputs.map(f);
  const after = pendingSinceAfter({
    lastKind: Prisma.sql`agg.last_kind`,
    replied: Prisma.sql`agg.replied`,
    pendingSince: Prisma.sql`i."pendingSince"`,
    firstResponseAt: Prisma.sql`i."firstResponseAt"`,
  });
  const rows = await hotQuery<RawMessage>(Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(
        ${col((_, n) => n)}::int[], ${ids}::text[], ${col((i) => i.interactionId)}::text[],
        ${col((i) => i.visibility ?? 'EVERYONE')}::text[], ${col((i) => i.clientId ?? null)}::text[],
        ${col((i) => i.senderType)}::text[], ${col((i) => i.senderUserId ?? null)}::text[],
        ${col((i) => i.senderName)}::text[], ${col((i) => i.text ?? '')}::text[],
        ${col((i) => ((i.visibility ?? 'EVERYONE') === 'INTERNAL' ? (i.thread ?? null) : null))}::text[],
        ${col((i) => i.allowedStatuses.join(','))}::text[], ${col((i) => pendingKindOf(i))}::text[]
      ) AS t(ord, mid, iid, vis, cid, stype, suid, sname, body, thread, allowed, pending_kind)
    ),
    locked AS (
      SELECT i.id, i."lastSeq", i."lastInternalSeq", i.status::text AS status
      FROM "Interaction" i WHERE i.id IN (SELECT iid FROM input)
      ORDER BY i.id FOR UPDATE
    ),
    numbered AS (
      SELECT input.*,
        CASE WHEN input.vis = 'EVERYONE' THEN locked."lastSeq" ELSE locked."lastInternalSeq" END
          + row_number() OVER (PARTITION BY input.iid, input.vis ORDER BY input.ord) AS seq
      FROM input JOIN locked ON locked.id = input.iid
      WHERE locked.status = ANY(string_to_array(input.allowed, ','))
    ),
    agg AS (
      SELECT iid,
        count(*) FILTER (WHERE vis = 'EVERYONE') AS n_pub,
        count(*) FILTER (WHERE vis = 'INTERNAL') AS n_int,
        (array_agg(pending_kind ORDER BY ord DESC) FILTER (WHERE pending_kind IS NOT NULL))[1] AS last_kind,
        bool_or(pending_kind = 'a') AS replied
      FROM numbered GROUP BY iid
    ),
    u AS (
      UPDATE "Interaction" i SET
        "lastSeq" = i."lastSeq" + agg.n_pub,
        "lastInternalSeq" = i."lastInternalSeq" + agg.n_int,
        -- As one-by-one appends (the same fragment as theirs, see chat-store.ts).
        "pendingSince" = ${after.pendingSince},
        "firstResponseAt" = ${after.firstResponseAt}
      FROM agg WHERE i.id = agg.iid
      RETURNING i.id
    )
    INSERT INTO "Message" (${MESSAGE_INSERT_COLUMNS})
    SELECT mid, iid, vis::"Visibility", seq, cid, 'TEXT'::"MessageKind", stype::"SenderType", suid, sname, NULL, 'null'::jsonb, body,
           ${MESSAGE_CREATED_AT}, thread, NULL
    FROM numbered
    RETURNING ${MESSAGE_COLUMNS}`);
  // Keyed by the message id made here (client ids are unique per chat only).
  const out = new Map<string, Appended>();
  for (const r of rows) out.set(r.id, { message: rawToDto(r), duplicate: false });
  return out;
}

