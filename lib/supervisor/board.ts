// The supervisors' live board (S1, S2) as plain data and rules, shared by the server (which
// publishes deltas) and the browser (which applies them). No I/O here.
//
// The browser holds it in `LiveBoard` (live-board.ts), which applies deltas in slices and keeps
// the order incrementally (board-order.ts).
//
// Every row carries a `version`: the database's statement time (µs) of the read that produced
// it. A later read reflects at least as much as an earlier one, so "higher version wins" orders
// deltas however they travel, across app instances too. A removal keeps a tombstone with its
// version so a stale upsert that arrives after it cannot resurrect the row. A catch-up snapshot
// is one read at one version: it replaces every row older than itself and keeps the newer ones.
// The statuses a live row can have: an interaction's wire status (InteractionStatusDto in
// lib/realtime/channels.ts, which checks that the two agree) less DONE. Spelled here so the board's
// rules do not import the channel module, which imports the board's delta type.
export type BoardStatus = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'ENDED';

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
