import 'server-only';
import { logger } from '@/lib/log';
import { onDrain } from '@/lib/ops/drain-state';
import { opsCounters } from '@/lib/ops/counters';
import { channels, events, parseChannel } from '@/lib/realtime/channels';
import { afterBroadcast, broadcast, type Broadcast } from '@/lib/realtime/server';
import type { BoardDelta } from './board';
import { readAgentRows, readBoardRows } from './board-data';

// Board deltas (S1, S2) on the supervisors' channel. Changes are coalesced per app instance: the
// chats and agents touched within FLUSH_MS are re-read from the store in one query each and sent
// as a few small events, so a busy chat costs the board at most one row per flush however many
// messages it carries, and the send path itself only adds an id to a set.

const FLUSH_MS = 200;
// Pusher's event limit is 10 KB; leave room for the envelope.
const MAX_EVENT_BYTES = 8_000;

const touched = { chats: new Set<string>(), agents: new Set<string>() };
let timer: ReturnType<typeof setTimeout> | null = null;
let flushing: Promise<void> | null = null;

export function boardTouch(opts: { chats?: Iterable<string | null | undefined>; agents?: Iterable<string | null | undefined> }): void {
  for (const id of opts.chats ?? []) if (id) touched.chats.add(id);
  for (const id of opts.agents ?? []) if (id) touched.agents.add(id);
  if (timer || (touched.chats.size === 0 && touched.agents.size === 0)) return;
  timer = setTimeout(() => {
    timer = null;
    void flushBoard();
  }, FLUSH_MS);
  timer.unref?.();
}

// Events whose broadcast means a board row may have changed. Typing and presence do not.
const BOARD_EVENTS = new Set<string>([events.message, events.interaction, events.invitation, events.invitationResolved, events.workspace]);

/**
 * Registered with lib/realtime/server.ts (below) to see each broadcast: whatever announced a change to a chat
 * or to someone's workspace touches that chat's row (and that person's agent row). Messages on
 * the internal stream do not change the board.
 */
export function noteBroadcast(items: readonly Broadcast[]): void {
  let any = false;
  for (const b of items) {
    if (!BOARD_EVENTS.has(b.name)) continue;
    const ch = parseChannel(b.channel);
    if (!ch || ch.kind === 'supervisors' || ch.kind === 'internal' || ch.kind === 'contactPresence') continue;
    const interactionId = (b.data as { interactionId?: unknown } | null)?.interactionId;
    if (typeof interactionId === 'string') touched.chats.add(interactionId);
    if (ch.kind === 'user') touched.agents.add(ch.userId);
    any = true;
  }
  if (any) boardTouch({});
}
// The board follows every chat and workspace change (coalesced, above). Loading this module
// registers it; instrumentation.ts and server.ts load it at start, so the board follows
// broadcasts from the first request on, whichever module sends them.
afterBroadcast('supervisor-board', noteBroadcast);

/** Reads what was touched and publishes it. Exported for tests (and to flush before shutdown). */
export async function flushBoard(): Promise<BoardDelta[]> {
  if (flushing) await flushing;
  const chats = [...touched.chats];
  const agentIds = new Set(touched.agents);
  touched.chats.clear();
  touched.agents.clear();
  if (chats.length === 0 && agentIds.size === 0) return [];
  let done!: () => void;
  flushing = new Promise<void>((r) => (done = r));
  try {
    const { rows, removed } = chats.length ? await readBoardRows(chats) : { rows: [], removed: [] };
    for (const r of rows) if (r.ownerId) agentIds.add(r.ownerId);
    const agents = agentIds.size ? await readAgentRows([...agentIds]) : [];
    const deltas = chunk({ rows, removed, agents });
    await broadcast(deltas.map((data) => ({ channel: channels.supervisors, name: events.board, data })));
    opsCounters().boardDeltas += deltas.length;
    return deltas;
  } catch (e) {
    // Nothing is lost: boards catch up from the store on reconnect, and the next change re-reads.
    logger.warn('board publish failed', { error: String(e) });
    return [];
  } finally {
    flushing = null;
    done();
  }
}

// Before shutdown: publish what was touched (order 10: before the broadcast lanes are flushed).
onDrain('board-publisher', 10, async () => {
  if (timer) clearTimeout(timer);
  timer = null;
  await flushBoard();
});

function chunk(delta: Required<BoardDelta>): BoardDelta[] {
  const out: BoardDelta[] = [];
  let cur: Required<BoardDelta> = { rows: [], removed: [], agents: [] };
  let size = 0;
  const push = <K extends keyof BoardDelta>(key: K, item: NonNullable<BoardDelta[K]>[number]) => {
    const bytes = JSON.stringify(item).length + 1;
    if (size + bytes > MAX_EVENT_BYTES && size > 0) {
      out.push(compact(cur));
      cur = { rows: [], removed: [], agents: [] };
      size = 0;
    }
    (cur[key] as unknown[]).push(item);
    size += bytes;
  };
  for (const r of delta.rows) push('rows', r);
  for (const r of delta.removed) push('removed', r);
  for (const a of delta.agents) push('agents', a);
  if (size > 0) out.push(compact(cur));
  return out;
}

function compact(d: Required<BoardDelta>): BoardDelta {
  return { ...(d.rows.length ? { rows: d.rows } : {}), ...(d.removed.length ? { removed: d.removed } : {}), ...(d.agents.length ? { agents: d.agents } : {}) };
}
