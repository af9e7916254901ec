// The supervisors' live board (S1, S2) as plain data and rules, shared by the server (which
// publishes deltas) and the browser (which applies them). No I/O here.
//
// Every row carries a `version`: the database's statement time (µs) of the read that produced
// it. A later read reflects at least as much as an earlier one, so "higher version wins" orders
// deltas however they travel, across app instances too. A removal keeps a tombstone with its
// version so a stale upsert that arrives after it cannot resurrect the row. A catch-up snapshot
// is one read at one version: it replaces every row older than itself and keeps the newer ones.
import type { InteractionStatusDto } from '@/lib/realtime/channels';

export type BoardStatus = Exclude<InteractionStatusDto, 'DONE'>;

export interface BoardRow {
  id: string;
  version: number;
  status: BoardStatus;
  contactName: string;
  subject: string;
  queueId: string;
  queueName: string;
  ownerId: string | null;
  ownerName: string | null;
  /** What the contact sees for the owner (A5), fixed when they joined. */
  ownerNickname: string | null;
  groupId: string | null;
  createdAt: string;
  acceptedAt: string | null;
  pendingSince: string | null;
  helpRequestedAt: string | null;
  lastMessage: { senderName: string; text: string; at: string } | null;
}

export interface AgentRow {
  id: string;
  version: number;
  name: string;
  nickname: string | null;
  role: 'AGENT' | 'SUPERVISOR';
  groupId: string | null;
  groupName: string | null;
  skills: string[];
  status: 'LOGGED_OUT' | 'NOT_READY' | 'READY';
  notReadyReason: string | null;
  statusSince: string;
  openChats: number;
  capacity: number;
  /** The oldest unanswered contact message across this agent's live chats. */
  oldestPendingSince: string | null;
  helpRequests: number;
}

/** One event on the supervisors' channel: rows changed or gone, each at its version. */
export interface BoardDelta {
  rows?: BoardRow[];
  removed?: { id: string; version: number }[];
  agents?: AgentRow[];
}

export interface BoardSnapshot {
  version: number;
  rows: BoardRow[];
  agents: AgentRow[];
}

export interface BoardState {
  rows: Map<string, BoardRow>;
  agents: Map<string, AgentRow>;
  /** Versions of removed rows, so an older upsert arriving late is dropped. */
  tombstones: Map<string, number>;
}

export function emptyBoard(): BoardState {
  return { rows: new Map(), agents: new Map(), tombstones: new Map() };
}

function newerThanHeld(state: BoardState, id: string, version: number): boolean {
  const held = state.rows.get(id)?.version ?? state.tombstones.get(id) ?? -Infinity;
  return version > held;
}

/**
 * Applies one delta. Returns the same state object when nothing changed (so a page can skip a
 * render), else a new state sharing unchanged maps.
 */
export function applyDelta(state: BoardState, delta: BoardDelta): BoardState {
  let rows: Map<string, BoardRow> | null = null;
  let tombstones: Map<string, number> | null = null;
  let agents: Map<string, AgentRow> | null = null;
  const view = () => ({ rows: rows ?? state.rows, tombstones: tombstones ?? state.tombstones, agents: state.agents });
  for (const r of delta.rows ?? []) {
    if (!newerThanHeld(view(), r.id, r.version)) continue;
    rows ??= new Map(state.rows);
    rows.set(r.id, r);
    if ((tombstones ?? state.tombstones).has(r.id)) {
      tombstones ??= new Map(state.tombstones);
      tombstones.delete(r.id);
    }
  }
  for (const g of delta.removed ?? []) {
    if (!newerThanHeld(view(), g.id, g.version)) continue;
    rows ??= new Map(state.rows);
    tombstones ??= new Map(state.tombstones);
    rows.delete(g.id);
    tombstones.set(g.id, g.version);
  }
  for (const a of delta.agents ?? []) {
    if (a.version <= ((agents ?? state.agents).get(a.id)?.version ?? -Infinity)) continue;
    agents ??= new Map(state.agents);
    agents.set(a.id, a);
  }
  if (!rows && !tombstones && !agents) return state;
  return { rows: rows ?? state.rows, tombstones: tombstones ?? state.tombstones, agents: agents ?? state.agents };
}

/**
 * A catch-up read from the store (page load, reconnect). Rows and agents the snapshot holds
 * replace older ones; rows held but absent from the snapshot are gone unless a delta newer than
 * the snapshot brought them; tombstones older than the snapshot are no longer needed.
 */
export function applySnapshot(state: BoardState, snap: BoardSnapshot): BoardState {
  const rows = new Map<string, BoardRow>();
  const tombstones = new Map<string, number>();
  for (const [id, v] of state.tombstones) if (v > snap.version) tombstones.set(id, v);
  for (const r of snap.rows) {
    const held = state.rows.get(r.id);
    const dead = tombstones.get(r.id);
    if (dead !== undefined && dead > r.version) continue;
    rows.set(r.id, held && held.version > r.version ? held : r);
  }
  for (const [id, held] of state.rows) if (!rows.has(id) && held.version > snap.version) rows.set(id, held);
  const agents = new Map<string, AgentRow>();
  for (const a of snap.agents) {
    const held = state.agents.get(a.id);
    agents.set(a.id, held && held.version > a.version ? held : a);
  }
  for (const [id, held] of state.agents) if (!agents.has(id) && held.version > snap.version) agents.set(id, held);
  return { rows, agents, tombstones };
}

// ---------------------------------------------------------------------------------------------
// Filters and sorting (S1)

export interface BoardFilter {
  queueId?: string;
  groupId?: string;
  agentId?: string;
  status?: BoardStatus;
}

export type BoardSort = 'waiting' | 'pending' | 'started';

/** How long a chat has waited in the queue: until accepted, or until now while not yet accepted. */
export function waitingMs(r: BoardRow, now: number): number {
  const end = r.acceptedAt ? Date.parse(r.acceptedAt) : r.status === 'QUEUED' || r.status === 'OFFERED' ? now : Date.parse(r.createdAt);
  return Math.max(0, end - Date.parse(r.createdAt));
}

export function pendingMs(r: BoardRow, now: number): number {
  return r.pendingSince && r.status === 'ACTIVE' ? Math.max(0, now - Date.parse(r.pendingSince)) : 0;
}

export function filterAndSort(rows: Iterable<BoardRow>, filter: BoardFilter, sort: BoardSort, now: number): BoardRow[] {
  const out: BoardRow[] = [];
  for (const r of rows) {
    if (filter.queueId && r.queueId !== filter.queueId) continue;
    if (filter.groupId && r.groupId !== filter.groupId) continue;
    if (filter.agentId && r.ownerId !== filter.agentId) continue;
    if (filter.status && r.status !== filter.status) continue;
    out.push(r);
  }
  const key =
    sort === 'waiting' ? (r: BoardRow) => waitingMs(r, now) : sort === 'pending' ? (r: BoardRow) => pendingMs(r, now) : (r: BoardRow) => now - Date.parse(r.createdAt);
  // Keys computed once per row (the board re-sorts every second with up to a thousand rows).
  // Longest first; help requests always lead (S7), then a stable order by id.
  return out
    .map((r) => ({ r, help: r.helpRequestedAt ? 1 : 0, k: key(r) }))
    .sort((a, b) => b.help - a.help || b.k - a.k || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0))
    .map((x) => x.r);
}
