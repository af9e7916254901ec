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
      // The figures-only rows (no names: what the page reads without a drill-down) give the same figures.
      expect(figures.reportFigures(await data.reportChats(filter, { names: false }), rules)).toEqual(got);
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

describe('each report equals a reference query (reports3)', () => {
  const zone = 'America/Toronto';

  it('per agent: every figure equals a GROUP BY on the chat owner', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const out = figures.reportBreakdown(await data.reportChats({ from, to }, { names: false }), rules);
    const { rows } = await client.query(
      `SELECT "ownerId", count(*)::int offered,
         count(*) FILTER (WHERE "acceptedAt" IS NOT NULL)::int accepted,
         count(*) FILTER (WHERE "acceptedAt" IS NOT NULL AND "doneAt" IS NOT NULL)::int handled,
         avg(EXTRACT(EPOCH FROM ("acceptedAt" - "createdAt")) * 1000)::float8 asa,
         avg(EXTRACT(EPOCH FROM ("firstResponseAt" - "acceptedAt")) * 1000)::float8 first_response,
         avg(EXTRACT(EPOCH FROM ("doneAt" - "acceptedAt")) * 1000)::float8 aht,
         avg(rating)::float8 avg_rating, count(rating)::int ratings
       FROM "Interaction" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND "ownerId" IS NOT NULL GROUP BY "ownerId"`,
      [from, to],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(out.byAgent).sort()).toEqual(rows.map((r) => r.ownerId).sort());
    for (const ref of rows) {
      const got = out.byAgent[ref.ownerId]!;
      expect(got).toMatchObject({ offered: ref.offered, accepted: ref.accepted, handled: ref.handled, ratings: ref.ratings });
      expect(got.asaMs).toBeCloseTo(ref.asa, 0);
      expect(got.avgFirstResponseMs).toBeCloseTo(ref.first_response, 0);
      expect(got.avgHandleMs).toBeCloseTo(ref.aht, 0);
      expect(got.avgRating).toBeCloseTo(ref.avg_rating, 6);
    }
  });

  it('the interval series (hour and day, in the zone) equal date_trunc buckets on the zone wall clock', async () => {
    const { rangeOf, bucketStarts } = await import('./intervals');
    const { intervalSeries } = await import('./series');
    const { from, to } = rangeOf('last7', new Date(), zone);
    const chats = await data.reportChats({ from, to });
    for (const unit of ['hour', 'day'] as const) {
      const got = intervalSeries(chats, bucketStarts(from, to, unit, zone), rules).filter((p) => p.offered > 0);
      const { rows } = await client.query(
        `SELECT (date_trunc($3, ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $4) AT TIME ZONE $4) AS start,
           count(*)::int offered,
           count(*) FILTER (WHERE "acceptedAt" IS NOT NULL AND "doneAt" IS NOT NULL)::int handled,
           count(*) FILTER (WHERE "acceptedAt" IS NULL AND "endedBy" = 'contact' AND "endedAt" IS NOT NULL)::int abandoned,
           count(*) FILTER (WHERE "acceptedAt" - "createdAt" <= interval '30 seconds')::int within_sl,
           count(*) FILTER (WHERE "acceptedAt" IS NOT NULL)::int accepted
         FROM "Interaction" WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1 ORDER BY 1`,
        [from, to, unit, zone],
      );
      expect(rows.length, unit).toBeGreaterThan(unit === 'hour' ? 24 : 5);
      expect(got.map((p) => ({ start: p.start.toISOString(), offered: p.offered, handled: p.handled, abandoned: p.abandoned }))).toEqual(
        rows.map((r) => ({ start: (r.start as Date).toISOString(), offered: r.offered, handled: r.handled, abandoned: r.abandoned })),
      );
      for (const [i, r] of rows.entries()) {
        const denominator = r.accepted + r.abandoned;
        if (denominator === 0) expect(got[i]!.serviceLevel).toBeNull();
        else expect(got[i]!.serviceLevel).toBeCloseTo(r.within_sl / denominator, 9);
      }
    }
  });

  it('agent activity (time in each state, logged-in time, chats handled) equals sums over the history', async () => {
    const { agentActivity } = await import('./activity');
    const agents = (await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = 'AGENT' ORDER BY id LIMIT 3`)).rows.map((r) => r.id);
    // A history of closed spans over the last 10 days (READY, NOT_READY with two reasons, LOGGED_OUT),
    // written directly: the trigger stamps the present, a report reads the past.
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO "AgentStateEvent" ("userId", status, reason, "startedAt", "endedAt")
       SELECT u, (ARRAY['READY', 'NOT_READY', 'NOT_READY', 'LOGGED_OUT'])[1 + k % 4],
         CASE k % 4 WHEN 1 THEN 'Break' WHEN 2 THEN 'Training' END,
         (now() AT TIME ZONE 'UTC') - interval '10 days' + k * interval '37 minutes',
         (now() AT TIME ZONE 'UTC') - interval '10 days' + (k + 1) * interval '37 minutes' - (abs(hashint4(k)) % 600) * interval '1 second'
       FROM unnest($1::text[]) u, generate_series(0, 350) k RETURNING id`,
      [agents],
    );
    try {
      const now = new Date();
      const to = new Date(now.getTime() - 86_400_000);
      const from = new Date(to.getTime() - 5.3 * 86_400_000); // mid-span at both ends: clipping counts
      const got = agentActivity(await data.agentStates({ from, to }), await data.agentChatTime({ from, to }), { from, to, now });
      const { rows } = await client.query(
        `SELECT e."userId", e.status, e.reason,
           sum(GREATEST(0, EXTRACT(EPOCH FROM (LEAST(COALESCE(e."endedAt", $3::timestamp), $2::timestamp, $3::timestamp) - GREATEST(e."startedAt", $1::timestamp))) * 1000))::float8 ms
         FROM "AgentStateEvent" e WHERE e."userId" = ANY($4) GROUP BY 1, 2, 3`,
        [from, to, now, agents],
      );
      const handled = await client.query(
        `SELECT "ownerId", count(*)::int n FROM "Interaction" WHERE "ownerId" = ANY($3) AND "doneAt" >= $1 AND "doneAt" < $2 GROUP BY 1`,
        [from, to, agents],
      );
      for (const agent of agents) {
        const a = got.find((x) => x.userId === agent)!;
        const mine = rows.filter((r) => r.userId === agent);
        const total = (pred: (r: (typeof mine)[number]) => boolean) => mine.filter(pred).reduce((n, r) => n + r.ms, 0);
        expect(total(() => true)).toBeGreaterThan(4 * 86_400_000);
        for (const status of ['READY', 'NOT_READY', 'LOGGED_OUT']) expect(a.timeInState[status] ?? 0).toBeCloseTo(total((r) => r.status === status), -1);
        for (const reason of ['Break', 'Training']) expect(a.timeInState[`NOT_READY:${reason}`]).toBeCloseTo(total((r) => r.status === 'NOT_READY' && r.reason === reason), -1);
        expect(a.loggedInMs).toBeCloseTo(total((r) => r.status !== 'LOGGED_OUT'), -1);
        expect(a.handled).toBe(handled.rows.find((r) => r.ownerId === agent)?.n ?? 0);
        expect(a.handled).toBeGreaterThan(0);
      }
    } finally {
      // The history test below reads agent1's whole chain.
      await client.query(`DELETE FROM "AgentStateEvent" WHERE id = ANY($1::bigint[])`, [inserted.rows.map((r) => r.id)]);
    }
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
  it("through the app's own setAgentState, concurrent changes leave one row per change: no repeat, one open row, the last equal to the agent's state", async () => {
    const { setAgentState } = await import('@/lib/interactions/staff/agent-state');
    const agent = { id: f.agents.agent2.id, role: 'AGENT' as const };
    const before = Number((await client.query(`SELECT max(id) n FROM "AgentStateEvent"`)).rows[0].n ?? 0);
    const reasons = ['break', 'lunch', 'meeting', 'training', 'missed'] as const;
    const changes = Array.from({ length: 30 }, (_, k) => (k % 6 === 5 ? ({ status: 'LOGGED_OUT' } as const) : ({ status: 'NOT_READY', reason: reasons[k % 5]! } as const)));
    await Promise.all(changes.map((c) => setAgentState(agent, c)));
    const { rows } = await client.query<{ status: string; reason: string | null; startedAt: Date; endedAt: Date | null }>(
      `SELECT status, reason, "startedAt", "endedAt" FROM "AgentStateEvent" WHERE "userId" = $1 ORDER BY id`,
      [agent.id],
    );
    const added = (await client.query(`SELECT count(*)::int n FROM "AgentStateEvent" WHERE "userId" = $1 AND id > $2`, [agent.id, before])).rows[0].n as number;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(changes.length);
    for (let i = 1; i < rows.length; i++) {
      expect(`${rows[i]!.status}/${rows[i]!.reason}`, `row ${i} repeats the state before it`).not.toBe(`${rows[i - 1]!.status}/${rows[i - 1]!.reason}`);
      expect(rows[i - 1]!.endedAt!.getTime()).toBe(Math.max(rows[i]!.startedAt.getTime(), rows[i - 1]!.startedAt.getTime()));
    }
    expect(rows.filter((r) => r.endedAt === null)).toHaveLength(1);
    const user = (await client.query(`SELECT "agentStatus"::text status, "notReadyReason" reason FROM "User" WHERE id = $1`, [agent.id])).rows[0];
    expect({ status: rows.at(-1)!.status, reason: rows.at(-1)!.reason }).toEqual(user);
  });
});
