// The chat's pending-since (A6) is computed in SQL when messages are stored (one at a time, or a
// batch by the group commit) and mirrored by the client for the transcript it holds. Both must
// agree: this runs the one SQL fragment (chat-store.ts) on real PostgreSQL over the same cases as
// the client's pendingSinceOf.
import { Prisma } from '@/lib/generated/prisma/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/test/db';
import { pendingSinceOf } from '../client/agent-view';
import { pendingKindOf, pendingSinceAfter, type PendingKind } from './chat-store';

type Db = Awaited<ReturnType<typeof getDb>>;
let db: Db;
beforeAll(async () => {
  db = await getDb();
});

type Case = { senderType: 'CONTACT' | 'AGENT' | 'SYSTEM'; kind: 'TEXT' | 'SYSTEM'; visibility: 'EVERYONE' | 'INTERNAL'; createdAt: string };
const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
const m = (senderType: Case['senderType'], n: number, o: Partial<Case> = {}): Case => ({
  senderType,
  kind: senderType === 'SYSTEM' ? 'SYSTEM' : 'TEXT',
  visibility: 'EVERYONE',
  createdAt: at(n),
  ...o,
});

const CASES: Record<string, Case[]> = {
  empty: [],
  'contact waits from the first unanswered message': [m('SYSTEM', 0), m('CONTACT', 1), m('CONTACT', 2)],
  'an agent reply ends the wait': [m('CONTACT', 1), m('AGENT', 2)],
  'a contact message after a reply starts a new wait': [m('CONTACT', 1), m('AGENT', 2), m('CONTACT', 3)],
  'an internal agent line does not answer the contact': [m('CONTACT', 1), m('AGENT', 2, { visibility: 'INTERNAL' })],
  'system events change nothing': [m('CONTACT', 1), m('SYSTEM', 2), m('AGENT', 3), m('SYSTEM', 4)],
  'agent first, then contact': [m('AGENT', 1), m('CONTACT', 2), m('CONTACT', 3)],
  'several replies and waits': [m('CONTACT', 1), m('AGENT', 2), m('AGENT', 3), m('CONTACT', 4), m('AGENT', 5), m('CONTACT', 6), m('CONTACT', 7)],
};

const kindOf = (c: Case): PendingKind =>
  pendingKindOf({ event: c.kind === 'SYSTEM' ? 'joined' : null, senderType: c.senderType, visibility: c.visibility });

/** One message at a time, as appendMessage stores them: the fragment folded over the messages. */
async function sqlOneByOne(messages: Case[]): Promise<string | null> {
  let pending: Date | null = null;
  for (const c of messages) {
    const k = kindOf(c);
    const f = pendingSinceAfter({
      lastKind: Prisma.sql`${k}::text`,
      replied: Prisma.sql`${k === 'a'}`,
      pendingSince: Prisma.sql`${pending}::timestamptz`,
      firstResponseAt: Prisma.sql`NULL::timestamptz`,
      now: Prisma.sql`${c.createdAt}::timestamptz`,
    });
    const [row] = await db.$queryRaw<{ p: Date | null }[]>(Prisma.sql`SELECT ${f.pendingSince} AS p`);
    pending = row!.p;
  }
  return pending ? pending.toISOString() : null;
}

/** All at once, as the group commit stores a batch (which shares one statement time). */
async function sqlBatch(messages: Case[], now: string): Promise<string | null> {
  const kinds = messages.map(kindOf);
  const f = pendingSinceAfter({
    lastKind: Prisma.sql`agg.last_kind`,
    replied: Prisma.sql`agg.replied`,
    pendingSince: Prisma.sql`NULL::timestamptz`,
    firstResponseAt: Prisma.sql`NULL::timestamptz`,
    now: Prisma.sql`${now}::timestamptz`,
  });
  const [row] = await db.$queryRaw<{ p: Date | null }[]>(Prisma.sql`
    WITH input AS (SELECT * FROM unnest(${kinds}::text[]) WITH ORDINALITY AS t(pending_kind, ord)),
    agg AS (
      SELECT (array_agg(pending_kind ORDER BY ord DESC) FILTER (WHERE pending_kind IS NOT NULL))[1] AS last_kind,
             coalesce(bool_or(pending_kind = 'a'), false) AS replied
      FROM input
    )
    SELECT ${f.pendingSince} AS p FROM agg`);
  return row!.p ? row!.p.toISOString() : null;
}

describe('pending-since: the SQL fragment agrees with the client (A6)', () => {
  for (const [name, messages] of Object.entries(CASES)) {
    it(`one by one: ${name}`, async () => {
      expect(await sqlOneByOne(messages)).toBe(pendingSinceOf(messages));
    });
    it(`as one batch: ${name}`, async () => {
      // In a batch every message is stored at the statement's time.
      const now = at(99);
      const same = messages.map((c) => ({ ...c, createdAt: now }));
      expect(await sqlBatch(same, now)).toBe(pendingSinceOf(same));
    });
  }

  it('the cases cover every kind of message', () => {
    const kinds = new Set(Object.values(CASES).flat().map(kindOf));
    expect(kinds).toEqual(new Set(['c', 'a', null]));
  });
});
