import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { freeCapacity, type Candidate, type Resolved, type TargetType } from './rules';
import { LIVE_MEMBERS, sqlRoleList } from '@/lib/access/participant-roles';

// An agent's load as routing counts it (lib/routing/router.ts): live chats they own or confer on,
// plus invitations awaiting their answer that would add a chat (consultations add none).
const CANDIDATES_SQL = `
  SELECT u.id, u."agentStatus"::text AS status, u.capacity, u."idleSince", u."groupId",
    COALESCE((SELECT array_agg(s."skillId") FROM "UserSkill" s WHERE s."userId" = u.id), '{}') AS "skillIds",
    ((SELECT count(*) FROM "Participant" p JOIN "Interaction" i ON i.id = p."interactionId"
       WHERE p."userId" = u.id AND p."leftAt" IS NULL AND p.role IN (${sqlRoleList(LIVE_MEMBERS)}) AND i.status = 'ACTIVE')
     + (SELECT count(*) FROM "Invitation" v WHERE v."targetUserId" = u.id AND v.status = 'PENDING' AND v.kind <> 'CONSULTATION'))::int AS load
  FROM "User" u WHERE u.active AND u.role IN ('AGENT', 'SUPERVISOR')`;

interface CandidateRow {
  id: string;
  status: Candidate['status'];
  capacity: number;
  idleSince: Date;
  groupId: string | null;
  skillIds: string[];
  load: number;
}

export async function candidates(client: Tx | typeof db = db): Promise<Candidate[]> {
  const rows = await client.$queryRawUnsafe<CandidateRow[]>(CANDIDATES_SQL);
  return rows.map((r) => ({ ...r, load: Number(r.load), skillIds: r.skillIds ?? [] }));
}

/** A target as the Team Communicator names it (type and id), looked up; unknown → invalidInput. */
export async function resolveTarget(client: Tx | typeof db, type: TargetType, ref: string): Promise<{ resolved: Resolved; label: string }> {
  switch (type) {
    case 'AGENT': {
      const u = await client.user.findFirst({ where: { id: ref, active: true, role: { in: ['AGENT', 'SUPERVISOR'] } }, select: { id: true, name: true } });
      if (u) return { resolved: { type: 'AGENT', userId: u.id }, label: u.name };
      break;
    }
    case 'GROUP': {
      const g = await client.group.findUnique({ where: { id: ref }, select: { id: true, name: true } });
      if (g) return { resolved: { type: 'GROUP', groupId: g.id }, label: g.name };
      break;
    }
    case 'SKILL': {
      const s = await client.skill.findUnique({ where: { id: ref }, select: { id: true, name: true } });
      if (s) return { resolved: { type: 'SKILL', skillId: s.id }, label: s.name };
      break;
    }
    case 'QUEUE': {
      const q = await client.queue.findUnique({ where: { id: ref }, select: { name: true, skillId: true } });
      if (q) return { resolved: { type: 'SKILL', skillId: q.skillId }, label: q.name };
      break;
    }
    case 'ROUTING_POINT': {
      const r = await client.routingPoint.findUnique({ where: { id: ref }, select: { name: true, queue: { select: { skillId: true } } } });
      if (r) return { resolved: { type: 'SKILL', skillId: r.queue.skillId }, label: r.name };
      break;
    }
  }
  throw new AppError('invalidInput', 'unknown target');
}

export interface DirectoryEntry {
  type: TargetType;
  id: string;
  name: string;
  /** Agents: their state and free capacity (T1). */
  status?: Candidate['status'];
  free?: number;
  capacity?: number;
  /** Groups, skills, queues, routing points: how many Ready agents with room they reach now. */
  available?: number;
}

/** T1: everything the Team Communicator searches, with live agent state and capacity. */
export async function teamDirectory(me: string): Promise<DirectoryEntry[]> {
  const [people, names, groups, skills, queues, points] = await Promise.all([
    candidates(),
    db.user.findMany({ where: { active: true, role: { in: ['AGENT', 'SUPERVISOR'] } }, select: { id: true, name: true, nickname: true } }),
    db.group.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.skill.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.queue.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, skillId: true } }),
    db.routingPoint.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, queue: { select: { skillId: true } } } }),
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.nickname ? `${u.name} (${u.nickname})` : u.name]));
  const open = people.filter((p) => p.id !== me && p.status === 'READY' && freeCapacity(p) > 0);
  const bySkill = (skillId: string | null) => open.filter((p) => skillId === null || p.skillIds.includes(skillId)).length;
  return [
    ...people
      .filter((p) => p.id !== me)
      .map((p) => ({ type: 'AGENT' as const, id: p.id, name: nameOf.get(p.id) ?? p.id, status: p.status, free: freeCapacity(p), capacity: p.capacity }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    ...groups.map((g) => ({ type: 'GROUP' as const, id: g.id, name: g.name, available: open.filter((p) => p.groupId === g.id).length })),
    ...skills.map((s) => ({ type: 'SKILL' as const, id: s.id, name: s.name, available: bySkill(s.id) })),
    ...queues.map((q) => ({ type: 'QUEUE' as const, id: q.id, name: q.name, available: bySkill(q.skillId) })),
    ...points.map((r) => ({ type: 'ROUTING_POINT' as const, id: r.id, name: r.name, available: bySkill(r.queue.skillId) })),
  ];
}
