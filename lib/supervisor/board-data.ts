import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { AgentRow, BoardRow, BoardSnapshot, BoardStatus } from './board';
import { iso, num } from './sql-values';
import { LIVE_MEMBERS, sqlRoleList } from '@/lib/access/participant-roles';

// The board's rows read from the store (S1, S2): for a catch-up snapshot, or for the few chats
// and agents a delta is about. Every read carries its version (statement time, µs) — see board.ts.

const LAST_TEXT_MAX = 160;

interface RawRow {
  version: bigint;
  id: string;
  status: string;
  contactName: string;
  subject: string;
  queueId: string;
  queueName: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerNickname: string | null;
  groupId: string | null;
  createdAt: Date | string;
  acceptedAt: Date | string | null;
  pendingSince: Date | string | null;
  helpRequestedAt: Date | string | null;
  lastSender: string | null;
  lastText: string | null;
  lastAt: Date | string | null;
}

export async function readBoardRows(ids?: readonly string[]): Promise<{ version: number; rows: BoardRow[]; removed: { id: string; version: number }[] }> {
  const byId = ids ? Prisma.sql`AND i.id = ANY(${[...ids]})` : Prisma.empty;
  const raw = await db.$queryRaw<RawRow[]>`
    SELECT (extract(epoch FROM statement_timestamp()) * 1000000)::bigint AS version,
           i.id, i.status::text AS status, c.name AS "contactName", i.subject, i."queueId", q.name AS "queueName",
           i."ownerId", u.name AS "ownerName", p."displayName" AS "ownerNickname", u."groupId",
           i."createdAt", i."acceptedAt", i."pendingSince", i."helpRequestedAt",
           lm."senderName" AS "lastSender", left(lm.text, ${LAST_TEXT_MAX}) AS "lastText", lm."createdAt" AS "lastAt"
    FROM "Interaction" i
    JOIN "Contact" c ON c.id = i."contactId"
    JOIN "Queue" q ON q.id = i."queueId"
    LEFT JOIN "User" u ON u.id = i."ownerId"
    LEFT JOIN LATERAL (
      SELECT "displayName" FROM "Participant"
      WHERE "interactionId" = i.id AND "userId" = i."ownerId" AND role = 'OWNER' ORDER BY "joinedAt" DESC LIMIT 1
    ) p ON true
    LEFT JOIN LATERAL (
      SELECT "senderName", text, "createdAt" FROM "Message"
      WHERE "interactionId" = i.id AND visibility = 'EVERYONE' AND kind = 'TEXT' ORDER BY seq DESC LIMIT 1
    ) lm ON true
    WHERE i.status <> 'DONE' ${byId}`;
  const version = raw[0] ? num(raw[0].version) : await dbVersion();
  const rows = raw.map(toRow);
  const present = new Set(rows.map((r) => r.id));
  const removed = (ids ?? []).filter((id) => !present.has(id)).map((id) => ({ id, version }));
  return { version, rows, removed };
}

async function dbVersion(): Promise<number> {
  const [v] = await db.$queryRaw<{ version: bigint }[]>`SELECT (extract(epoch FROM statement_timestamp()) * 1000000)::bigint AS version`;
  return num(v!.version);
}

function toRow(r: RawRow): BoardRow {
  return {
    id: r.id,
    version: num(r.version),
    status: r.status as BoardStatus,
    contactName: r.contactName,
    subject: r.subject,
    queueId: r.queueId,
    queueName: r.queueName,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    ownerNickname: r.ownerNickname,
    groupId: r.groupId,
    createdAt: iso(r.createdAt)!,
    acceptedAt: iso(r.acceptedAt),
    pendingSince: iso(r.pendingSince),
    helpRequestedAt: iso(r.helpRequestedAt),
    lastMessage: r.lastAt ? { senderName: r.lastSender ?? '', text: r.lastText ?? '', at: iso(r.lastAt)! } : null,
  };
}

interface RawAgent {
  version: bigint;
  id: string;
  name: string;
  nickname: string | null;
  role: 'AGENT' | 'SUPERVISOR';
  groupId: string | null;
  groupName: string | null;
  skills: string[] | null;
  status: AgentRow['status'];
  notReadyReason: string | null;
  statusSince: Date | string;
  capacity: number;
  openChats: number;
  oldestPendingSince: Date | string | null;
  helpRequests: number;
}

export async function readAgentRows(ids?: readonly string[]): Promise<AgentRow[]> {
  const byId = ids ? Prisma.sql`AND u.id = ANY(${[...ids]})` : Prisma.empty;
  const raw = await db.$queryRaw<RawAgent[]>`
    SELECT (extract(epoch FROM statement_timestamp()) * 1000000)::bigint AS version,
           u.id, u.name, u.nickname, u.role::text AS role, u."groupId", g.name AS "groupName",
           u."agentStatus"::text AS status, u."notReadyReason", u."statusSince", u.capacity,
           (SELECT array_agg(s.name ORDER BY s.name) FROM "UserSkill" us JOIN "Skill" s ON s.id = us."skillId" WHERE us."userId" = u.id) AS skills,
           (SELECT count(*)::int FROM "Participant" p JOIN "Interaction" i ON i.id = p."interactionId"
             WHERE p."userId" = u.id AND p."leftAt" IS NULL AND p.role IN (${Prisma.raw(sqlRoleList(LIVE_MEMBERS))}) AND i.status = 'ACTIVE') AS "openChats",
           (SELECT min(i."pendingSince") FROM "Interaction" i WHERE i."ownerId" = u.id AND i.status = 'ACTIVE') AS "oldestPendingSince",
           (SELECT count(*)::int FROM "Interaction" i WHERE i."ownerId" = u.id AND i.status IN ('ACTIVE', 'ENDED') AND i."helpRequestedAt" IS NOT NULL) AS "helpRequests"
    FROM "User" u LEFT JOIN "Group" g ON g.id = u."groupId"
    WHERE u.active AND u.role IN ('AGENT', 'SUPERVISOR') ${byId}
    ORDER BY u.name`;
  return raw.map((a) => ({
    id: a.id,
    version: num(a.version),
    name: a.name,
    nickname: a.nickname,
    role: a.role,
    groupId: a.groupId,
    groupName: a.groupName,
    skills: a.skills ?? [],
    status: a.status,
    notReadyReason: a.notReadyReason,
    statusSince: iso(a.statusSince)!,
    openChats: num(a.openChats),
    capacity: num(a.capacity),
    oldestPendingSince: iso(a.oldestPendingSince),
    helpRequests: num(a.helpRequests),
  }));
}

/** The whole board from the store: page load and every reconnect. */
export async function boardSnapshot(): Promise<BoardSnapshot> {
  const [{ version, rows }, agents] = await Promise.all([readBoardRows(), readAgentRows()]);
  // The snapshot's version is its oldest read's, so anything newer than either read wins over it.
  const v = Math.min(version, ...agents.map((a) => a.version));
  return { version: v, rows, agents };
}

/** Filter choices: queues and groups. */
export async function boardDirectory() {
  const [queues, groups] = await Promise.all([
    db.queue.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.group.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return { queues, groups };
}
