// Issue 20 against real PostgreSQL: the report equals a straightforward reference query on the same
// generated data, the export pages give every chat once, and the agent-state history records every
// change exactly once under concurrent changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';
import { pgClient } from '@/test/db';

let f: Fixtures;
let client: pg.Client;
let data: typeof import('./report-data');
let figures: typeof import('./figures');
let synthetic: typeof import('./synthetic');

beforeAll(async () => {
  f = await loadFixtures();
  await f.reset();
  client = await pgClient();
  [data, figures, synthetic] = await Promise.all([import('./report-data'), import('./figures'), import('./synthetic')]);
  await synthetic.generateHistory(client, { chats: 3000, messagesPerChat: 4, days: 10, agents: 4 });
}, 120_000);
afterAll(async () => {
  await client?.end();
});

const rules = { serviceLevelSec: 30, redSec: 60 };

describe('reports equal reference queries', () => {
  it('overall and per queue, over a 7-day window, with and without filters', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 7 * 86_400_000);
    const queue = (await client.query<{ id: string }>(`SELECT id FROM "Queue" ORDER BY id LIMIT 1`)).rows[0]!.id;
    for (const filter of [{ from, to }, { from, to, queueId: queue }]) {
      const chats = await data.reportChats(filter);
      const got = figures.reportFigures(chats, rules);
      const { rows } = await client.query(
        `SELECT count(*)::int offered,
           count(*) FILTER (WHERE "acceptedAt" IS NOT NULL)::int accepted,
           count(*) FILTER (WHERE "acceptedAt" IS NULL AND "endedBy" = 'contact' AND "endedAt" IS NOT NULL)::int abandoned,
           count(*) FILTER (WHERE "acceptedAt" IS NOT NULL AND "doneAt" IS NOT NULL)::int handled,
           avg(EXTRACT(EPOCH FROM ("acceptedAt" - "createdAt")) * 1000)::float8 asa,
           avg(EXTRACT(EPOCH FROM ("doneAt" - "acceptedAt")) * 1000)::float8 aht,
           count(*) FILTER (WHERE "acceptedAt" - "createdAt" <= interval '30 seconds')::int within_sl,
           avg(rating)::float8 avg_rating, count(rating)::int ratings,
           (SELECT count(*)::int FROM "ResponseWait" w JOIN "Interaction" j ON j.id = w."interactionId"
              WHERE j."createdAt" >= $1 AND j."createdAt" < $2 AND ($3::text IS NULL OR j."queueId" = $3) AND w."waitMs" >= 60000) late
         FROM "Interaction" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND ($3::text IS NULL OR "queueId" = $3)`,
        [from, to, filter.queueId ?? null],
      );
      const ref = rows[0];
      expect(ref.offered).toBeGreaterThan(100);
      expect(got).toMatchObject({ offered: ref.offered, accepted: ref.accepted, abandoned: ref.abandoned, handled: ref.handled, ratings: ref.ratings, lateResponses: ref.late });
      expect(got.asaMs).toBeCloseTo(ref.asa, 0);
      expect(got.avgHandleMs).toBeCloseTo(ref.aht, 0);
      expect(got.avgRating).toBeCloseTo(ref.avg_rating, 6);
      expect(got.serviceLevel).toBeCloseTo(ref.within_sl / (ref.accepted + ref.abandoned), 9);
    }
  });

  it('per agent, and the export pages give every chat exactly once', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const out = figures.reportBreakdown(await data.reportChats({ from, to }), rules);
    const { rows } = await client.query<{ ownerId: string; handled: number }>(
      `SELECT "ownerId", count(*) FILTER (WHERE "doneAt" IS NOT NULL AND "acceptedAt" IS NOT NULL)::int handled FROM "Interaction"
       WHERE "createdAt" >= $1 AND "createdAt" < $2 AND "ownerId" IS NOT NULL GROUP BY "ownerId"`,
      [from, to],
    );
    expect(Object.fromEntries(Object.entries(out.byAgent).map(([k, v]) => [k, v.handled]))).toEqual(Object.fromEntries(rows.map((r) => [r.ownerId, r.handled])));
    const ids: string[] = [];
    for await (const page of data.reportChatPages({ from, to }, 700)) ids.push(...page.map((r) => r.id));
    expect(ids.length).toBe(out.overall.offered);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('agent-state history', () => {
  it('records every change exactly once under concurrent changes, as one unbroken chain', async () => {
    const agent = f.agents.agent1.id;
    const before = Number((await client.query(`SELECT count(*) n FROM "AgentStateEvent" WHERE "userId" = $1`, [agent])).rows[0].n);
    const { pgClient: open } = await import('@/test/db');
    const clients = await Promise.all(Array.from({ length: 8 }, () => open()));
    try {
      // 40 changes from 8 connections at once, each to a reason no other change uses.
      await Promise.all(
        clients.map((c, ci) =>
          (async () => {
            for (let k = 0; k < 5; k++) await c.query(`UPDATE "User" SET "agentStatus" = 'NOT_READY', "notReadyReason" = $2 WHERE id = $1`, [agent, `r-${ci}-${k}`]);
          })(),
        ),
      );
      // A write that changes nothing records nothing.
      await clients[0]!.query(`UPDATE "User" SET "notReadyReason" = "notReadyReason" WHERE id = $1`, [agent]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const { rows } = await client.query<{ reason: string; startedAt: Date; endedAt: Date | null }>(
      `SELECT reason, "startedAt", "endedAt" FROM "AgentStateEvent" WHERE "userId" = $1 ORDER BY id`,
      [agent],
    );
    expect(rows.length - before).toBe(40);
    const added = rows.slice(before).map((r) => r.reason);
    expect(new Set(added).size).toBe(40);
    expect(rows.filter((r) => r.endedAt === null)).toHaveLength(1);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.endedAt!.getTime()).toBe(Math.max(rows[i]!.startedAt.getTime(), rows[i - 1]!.startedAt.getTime()));
    const user = (await client.query(`SELECT "notReadyReason" FROM "User" WHERE id = $1`, [agent])).rows[0];
    expect(rows.at(-1)!.reason).toBe(user.notReadyReason);
  });
});
