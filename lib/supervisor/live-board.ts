// The board as the browser holds it (S1, S2): the same version rules as `applyDelta` and
// `applySnapshot` (lib/supervisor/board.ts), on maps changed in place, with the row order kept
// incrementally (board-order.ts) and deltas applied in bounded slices so that a burst of a
// thousand rows never blocks the page: the caller drains a slice, yields to the browser, and
// drains the next. No I/O and no timers here: the scheduling is the caller's.
import { BoardOrder } from './board-order';
import type { AgentRow, BoardDelta, BoardRow, BoardSnapshot, BoardSort } from './board';

type Op = { row: BoardRow } | { gone: { id: string; version: number } } | { agent: AgentRow };

/** Agents in name order, by a collator made once (localeCompare builds one per call). */
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

export class LiveBoard {
  readonly rows = new Map<string, BoardRow>();
  readonly agents = new Map<string, AgentRow>();
  /** Versions of removed rows, so an older upsert arriving late is dropped. */
  readonly tombstones = new Map<string, number>();
  /** The version of the last snapshot: a row it lacked existed at no version up to it. */
  private floor = -Infinity;
  private order: BoardOrder;
  private queue: Op[] = [];
  private head = 0;
  private agentList: AgentRow[] | null = null;
  /** Bumped on every change that can alter what the page shows. */
  version = 0;

  constructor(sort: BoardSort, initial?: BoardSnapshot) {
    this.order = new BoardOrder(sort);
    if (initial) this.snapshot(initial);
  }

  get sort(): BoardSort {
    return this.order.sort;
  }

  /** Operations still queued. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Elementary steps taken by the order so far (for tests that bound a slice's work). */
  get ops(): number {
    return this.order.ops;
  }

  setSort(sort: BoardSort): void {
    if (sort === this.order.sort) return;
    this.order = new BoardOrder(sort);
    for (const r of this.rows.values()) this.order.upsert(r);
    this.version++;
  }

  /** Queues a delta's rows, removals and agents; nothing is applied until `drain`. */
  enqueue(delta: BoardDelta): void {
    for (const row of delta.rows ?? []) this.queue.push({ row });
    for (const gone of delta.removed ?? []) this.queue.push({ gone });
    for (const agent of delta.agents ?? []) this.queue.push({ agent });
  }

  private held(id: string): number {
    return this.rows.get(id)?.version ?? this.tombstones.get(id) ?? this.floor;
  }

  private apply(op: Op): boolean {
    if ('row' in op) {
      const r = op.row;
      if (r.version <= this.held(r.id)) return false;
      this.rows.set(r.id, r);
      this.tombstones.delete(r.id);
      this.order.upsert(r);
      return true;
    }
    if ('gone' in op) {
      const { id, version } = op.gone;
      if (version <= this.held(id)) return false;
      this.rows.delete(id);
      this.tombstones.set(id, version);
      this.order.delete(id);
      return true;
    }
    const a = op.agent;
    if (a.version <= (this.agents.get(a.id)?.version ?? this.floor)) return false;
    this.agents.set(a.id, a);
    this.agentList = null;
    return true;
  }

  /**
   * Applies at most `budget` queued operations (oldest first). Returns how many are left, so the
   * caller yields to the browser and drains again while it is not zero.
   */
  drain(budget: number): number {
    const end = Math.min(this.queue.length, this.head + budget);
    let changed = false;
    for (; this.head < end; this.head++) changed = this.apply(this.queue[this.head]!) || changed;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    if (changed) this.version++;
    return this.pending;
  }

  /**
   * A catch-up read from the store: rows and agents it holds replace older ones; rows held but
   * absent from it are gone unless a delta newer than it brought them; queued operations older
   * than it are then dropped when drained.
   */
  snapshot(snap: BoardSnapshot): void {
    for (const [id, v] of this.tombstones) if (v <= snap.version) this.tombstones.delete(id);
    const inSnap = new Set<string>();
    for (const r of snap.rows) {
      inSnap.add(r.id);
      const held = this.rows.get(r.id);
      const dead = this.tombstones.get(r.id);
      if (dead !== undefined && dead > r.version) continue;
      if (held && held.version > r.version) continue;
      this.rows.set(r.id, r);
    }
    for (const [id, held] of this.rows) if (!inSnap.has(id) && held.version <= snap.version) this.rows.delete(id);
    const agentsIn = new Set<string>();
    for (const a of snap.agents) {
      agentsIn.add(a.id);
      const held = this.agents.get(a.id);
      if (!held || held.version <= a.version) this.agents.set(a.id, a);
    }
    for (const [id, held] of this.agents) if (!agentsIn.has(id) && held.version <= snap.version) this.agents.delete(id);
    this.floor = Math.max(this.floor, snap.version);
    this.order = new BoardOrder(this.order.sort);
    for (const r of this.rows.values()) this.order.upsert(r);
    this.agentList = null;
    this.version++;
  }

  /** The rows in board order at `now`, filtered. */
  list(now: number, filter: Parameters<BoardOrder['list']>[1] = {}): BoardRow[] {
    return this.order.list(now, filter);
  }

  /** Agents by name (kept until an agent changes). */
  agentsByName(): AgentRow[] {
    this.agentList ??= [...this.agents.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    return this.agentList;
  }
}
