import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { db, hotQuery } from '@/lib/db';
import { LIVE_MEMBERS, sqlRoleList } from '@/lib/access/participant-roles';
import { iso } from '@/lib/supervisor/sql-values';
import type { ReportChat } from './figures';

// Issue 20: the chats of a report period, one row each, read from the store. Figures are computed
// from these rows by the pure rules in figures.ts, so a report is the same on any instance.

export interface ReportFilter {
  from: Date;
  to: Date;
  queueId?: string;
  groupId?: string;
  agentId?: string;
  dispositionId?: string;
}

export interface ReportRow extends ReportChat {
  contactName: string;
  queueName: string;
  agents: string;
  dispositionName: string | null;
}

function where(f: ReportFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`i."createdAt" >= ${f.from} AND i."createdAt" < ${f.to}`];
  if (f.queueId) parts.push(Prisma.sql`i."queueId" = ${f.queueId}`);
  if (f.agentId) parts.push(Prisma.sql`i."ownerId" = ${f.agentId}`);
  if (f.groupId) parts.push(Prisma.sql`i."ownerId" IN (SELECT id FROM "User" WHERE "groupId" = ${f.groupId})`);
  if (f.dispositionId) parts.push(Prisma.sql`i."dispositionId" = ${f.dispositionId}`);
  return Prisma.join(parts, ' AND ');
}

interface Raw {
  id: string;
  queueId: string;
  ownerId: string | null;
  createdAt: Date | string;
  acceptedAt: Date | string | null;
  firstResponseAt: Date | string | null;
  endedAt: Date | string | null;
  doneAt: Date | string | null;
  endedBy: string | null;
  dispositionId: string | null;
  rating: number | null;
  transfers: number;
  conferences: number;
  consultations: number;
  waits: number[] | null;
  contactName: string;
  queueName: string;
  agents: string | null;
  dispositionName: string | null;
}

// One parse per timestamp: a 30-day report reads five for each of ~33,000 chats, and the general
// iso() (test, rewrite, parse, format, parse again) took about twice as long as the query's own
// transfer in the bench. The hot path's timestamps arrive as UTC text without a zone.
const NO_ZONE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const d = (v: Date | string | null) => (v === null ? null : typeof v === 'string' && NO_ZONE.test(v) ? new Date(`${v.replace(' ', 'T')}Z`) : new Date(iso(v)!));

function toRow(r: Raw): ReportRow {
  return {
    id: r.id,
    queueId: r.queueId,
    agentId: r.ownerId,
    createdAt: d(r.createdAt)!,
    acceptedAt: d(r.acceptedAt),
    firstResponseAt: d(r.firstResponseAt),
    endedAt: d(r.endedAt),
    doneAt: d(r.doneAt),
    endedBy: r.endedBy,
    dispositionId: r.dispositionId,
    rating: r.rating,
    transfers: Number(r.transfers),
    conferences: Number(r.conferences),
    consultations: Number(r.consultations),
    responseWaitsMs: (r.waits ?? []).map(Number),
    contactName: r.contactName,
    queueName: r.queueName,
    agents: r.agents ?? '',
    dispositionName: r.dispositionName,
  };
}

function select(f: ReportFilter, extra: Prisma.Sql, limit: number | null, names = true): Prisma.Sql {
  if (!names) return selectFigures(f);
  // The period's chats first, then each per-chat aggregate grouped once over just those chats
  // (not a sub-select per row).
  return Prisma.sql`
    WITH base AS (
      SELECT i.id, i."queueId", i."ownerId", i."createdAt", i."acceptedAt", i."firstResponseAt", i."endedAt", i."doneAt", i."endedBy",
        i."dispositionId", i.rating, i."contactName"
      FROM "Interaction" i
      WHERE ${where(f)} ${extra}
      ORDER BY i."createdAt", i.id
      ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}
    ),
    inv AS (
      SELECT v."interactionId",
        count(*) FILTER (WHERE v.kind = 'TRANSFER')::int AS transfers,
        count(*) FILTER (WHERE v.kind = 'CONFERENCE')::int AS conferences,
        count(*) FILTER (WHERE v.kind = 'CONSULTATION')::int AS consultations
      FROM "Invitation" v JOIN base ON base.id = v."interactionId"
      WHERE v.status = 'ACCEPTED' AND v.kind <> 'OFFER'
      GROUP BY v."interactionId"
    ),
    waits AS (
      SELECT w."interactionId", array_agg(w."waitMs") AS waits
      FROM "ResponseWait" w JOIN base ON base.id = w."interactionId"
      GROUP BY w."interactionId"
    ),
    agents AS (
      SELECT p."interactionId", string_agg(DISTINCT u.name, '; ') AS agents
      FROM "Participant" p JOIN base ON base.id = p."interactionId" JOIN "User" u ON u.id = p."userId"
      WHERE p.role IN (${Prisma.raw(sqlRoleList(LIVE_MEMBERS))})
      GROUP BY p."interactionId"
    )
    SELECT b.*, COALESCE(inv.transfers, 0) AS transfers, COALESCE(inv.conferences, 0) AS conferences,
      COALESCE(inv.consultations, 0) AS consultations, waits.waits, q.name AS "queueName", dc.name AS "dispositionName", agents.agents
    FROM base b
    JOIN "Queue" q ON q.id = b."queueId"
    LEFT JOIN "DispositionCode" dc ON dc.id = b."dispositionId"
    LEFT JOIN inv ON inv."interactionId" = b.id
    LEFT JOIN waits ON waits."interactionId" = b.id
    LEFT JOIN agents ON agents."interactionId" = b.id
    ORDER BY b."createdAt", b.id`;
}

/**
 * The figures' columns only (no contact, queue, agent or disposition names: the string aggregate of
 * agent names was a third of the widest report's query, and every string is transferred and kept).
 */
function selectFigures(f: ReportFilter): Prisma.Sql {
  return Prisma.sql`
    WITH base AS MATERIALIZED (
      SELECT i.id, i."queueId", i."ownerId", i."createdAt", i."acceptedAt", i."firstResponseAt", i."endedAt", i."doneAt", i."endedBy",
        i."dispositionId", i.rating
      FROM "Interaction" i
      WHERE ${where(f)}
    ),
    inv AS (
      SELECT v."interactionId",
        count(*) FILTER (WHERE v.kind = 'TRANSFER')::int AS transfers,
        count(*) FILTER (WHERE v.kind = 'CONFERENCE')::int AS conferences,
        count(*) FILTER (WHERE v.kind = 'CONSULTATION')::int AS consultations
      FROM "Invitation" v JOIN base ON base.id = v."interactionId"
      WHERE v.status = 'ACCEPTED' AND v.kind <> 'OFFER'
      GROUP BY v."interactionId"
    ),
    waits AS (
      SELECT w."interactionId", array_agg(w."waitMs") AS waits
      FROM "ResponseWait" w JOIN base ON base.id = w."interactionId"
      GROUP BY w."interactionId"
    )
    SELECT b.*, COALESCE(inv.transfers, 0) AS transfers, COALESCE(inv.conferences, 0) AS conferences,
      COALESCE(inv.consultations, 0) AS consultations, waits.waits, '' AS "contactName", '' AS "queueName", NULL AS "dispositionName", NULL AS agents
    FROM base b
    LEFT JOIN inv ON inv."interactionId" = b.id
    LEFT JOIN waits ON waits."interactionId" = b.id
    ORDER BY b."createdAt", b.id`;
}

/**
 * Every chat that entered a queue in the period (and matches the filters). Without `names`, the
 * rows carry the figures' columns only (contactName/queueName empty, agents '' and
 * dispositionName null): what the figures, charts and figures CSV need; the drill-down asks for names.
 */
export async function reportChats(f: ReportFilter, opts: { names?: boolean } = {}): Promise<ReportRow[]> {
  const rows = await hotQuery<Raw>(select(f, Prisma.empty, null, opts.names ?? true));
  return rows.map(toRow);
}

/** The same chats in pages by (createdAt, id), so an export never holds them all in memory. */
export async function* reportChatPages(f: ReportFilter, pageSize = 5000): AsyncGenerator<ReportRow[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const extra: Prisma.Sql = after ? Prisma.sql`AND (i."createdAt", i.id) > (${after.at}, ${after.id})` : Prisma.empty;
    const rows: ReportRow[] = (await hotQuery<Raw>(select(f, extra, pageSize))).map(toRow);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last: ReportRow = rows[rows.length - 1]!;
    after = { at: last.createdAt, id: last.id };
  }
}

export interface ReportDirectory {
  queues: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  dispositions: { id: string; name: string }[];
}

export async function reportDirectory(client = db): Promise<ReportDirectory> {
  const [queues, groups, agents, dispositions] = await Promise.all([
    client.queue.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    client.group.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    client.user.findMany({ where: { role: { in: ['AGENT', 'SUPERVISOR'] } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    client.dispositionCode.findMany({ select: { id: true, name: true }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] }),
  ]);
  return { queues, groups, agents, dispositions };
}

export interface AgentStateRow {
  userId: string;
  name: string;
  status: string;
  reason: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

/** The agent-state history overlapping the period (clipped by the caller's rules). */
export async function agentStates(f: { from: Date; to: Date; agentId?: string }, client = db): Promise<AgentStateRow[]> {
  const rows = await client.$queryRaw<(Omit<AgentStateRow, 'startedAt' | 'endedAt'> & { startedAt: Date | string; endedAt: Date | string | null })[]>`
    SELECT e."userId", u.name, e.status, e.reason, e."startedAt", e."endedAt"
    FROM "AgentStateEvent" e JOIN "User" u ON u.id = e."userId"
    WHERE e."startedAt" < ${f.to} AND (e."endedAt" IS NULL OR e."endedAt" > ${f.from})
      AND u.role IN ('AGENT', 'SUPERVISOR') ${f.agentId ? Prisma.sql`AND e."userId" = ${f.agentId}` : Prisma.empty}
    ORDER BY u.name, e."startedAt", e.id`;
  return rows.map((r) => ({ ...r, startedAt: d(r.startedAt)!, endedAt: d(r.endedAt) }));
}

/** Per agent, the time spent in chats (owned participation) in the period, ms. */
export async function agentChatTime(f: { from: Date; to: Date }, client = db): Promise<{ userId: string; chatMs: number; handled: number }[]> {
  const rows = await client.$queryRaw<{ userId: string; chatMs: number | string; handled: number }[]>`
    SELECT p."userId",
      COALESCE(sum(EXTRACT(EPOCH FROM (LEAST(COALESCE(p."leftAt", now() AT TIME ZONE 'UTC'), ${f.to}::timestamp) - GREATEST(p."joinedAt", ${f.from}::timestamp))) * 1000), 0)::float8 AS "chatMs",
      count(DISTINCT i.id) FILTER (WHERE i."doneAt" >= ${f.from} AND i."doneAt" < ${f.to} AND i."ownerId" = p."userId")::int AS handled
    FROM "Participant" p JOIN "Interaction" i ON i.id = p."interactionId"
    WHERE p.role = 'OWNER' AND p."joinedAt" < ${f.to} AND (p."leftAt" IS NULL OR p."leftAt" > ${f.from})
    GROUP BY p."userId"`;
  return rows.map((r) => ({ userId: r.userId, chatMs: Math.max(0, Number(r.chatMs)), handled: Number(r.handled) }));
}
