// The board's order (S1), kept incrementally: a changed row is moved to its place by binary
// search instead of re-sorting a thousand rows on every delta. No I/O here.
//
// The order is "help requests first, then the longest time first, then by id". Some of those
// times grow with the clock (a chat still waiting in the queue), others are fixed (a chat already
// accepted). Rows are therefore kept in lanes whose order does not depend on the clock:
//   - a "growing" lane, ordered by the instant the time started (oldest first);
//   - a "fixed" lane, ordered by the fixed duration (longest first);
// each once for help requests and once for the rest. Reading the order at a given `now` merges
// the growing lane with the fixed lane in one linear pass: no sort.
import type { BoardFilter, BoardRow, BoardSort } from './board';

interface Placed {
  row: BoardRow;
  help: boolean;
  growing: boolean;
  /** growing: the start instant (ms), the earlier the longer; fixed: the duration (ms). */
  key: number;
}

/** Where a row goes under a sort, and the value its lane orders it by. */
export function placement(row: BoardRow, sort: BoardSort): Placed {
  const help = !!row.helpRequestedAt;
  const created = Date.parse(row.createdAt);
  if (sort === 'started') return { row, help, growing: true, key: created };
  if (sort === 'pending') {
    if (row.status === 'ACTIVE' && row.pendingSince) return { row, help, growing: true, key: Date.parse(row.pendingSince) };
    return { row, help, growing: false, key: 0 };
  }
  // waiting: until accepted, or until now while not yet accepted.
  if (!row.acceptedAt && (row.status === 'QUEUED' || row.status === 'OFFERED')) return { row, help, growing: true, key: created };
  return { row, help, growing: false, key: Math.max(0, (row.acceptedAt ? Date.parse(row.acceptedAt) : created) - created) };
}

/** The time a placed row shows under its sort at `now` (longer first). */
function duration(p: Placed, now: number): number {
  return p.growing ? now - p.key : p.key;
}

function byId(a: Placed, b: Placed): number {
  return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
}

/** In-lane order; total, because ids are unique. */
function laneCompare(a: Placed, b: Placed): number {
  if (a.growing) return a.key - b.key || byId(a, b); // earlier start = longer
  return b.key - a.key || byId(a, b); // longer duration first
}

export function matches(r: BoardRow, f: BoardFilter): boolean {
  return !(
    (f.queueId && r.queueId !== f.queueId) ||
    (f.groupId && r.groupId !== f.groupId) ||
    (f.agentId && r.ownerId !== f.agentId) ||
    (f.status && r.status !== f.status)
  );
}

/**
 * The full order at `now`, by a plain sort: the reference the incremental order must equal
 * (and what a one-off caller can use).
 */
export function filterAndSort(rows: Iterable<BoardRow>, filter: BoardFilter, sort: BoardSort, now: number): BoardRow[] {
  const out: Placed[] = [];
  for (const r of rows) if (matches(r, filter)) out.push(placement(r, sort));
  return out.sort((a, b) => Number(b.help) - Number(a.help) || duration(b, now) - duration(a, now) || byId(a, b)).map((p) => p.row);
}

type Lane = Placed[];

export class BoardOrder {
  private lanes: [Lane, Lane, Lane, Lane] = [[], [], [], []]; // help+growing, help+fixed, growing, fixed
  private placed = new Map<string, Placed>();
  /** Elementary steps taken (comparisons and moved slots), for tests that bound the work per slice. */
  ops = 0;

  constructor(readonly sort: BoardSort) {}

  get size(): number {
    return this.placed.size;
  }

  private lane(p: Placed): Lane {
    return this.lanes[(p.help ? 0 : 2) + (p.growing ? 0 : 1)]!;
  }

  /** The index where `p` is or would go in its lane. */
  private find(lane: Lane, p: Placed): number {
    let lo = 0;
    let hi = lane.length;
    while (lo < hi) {
      this.ops++;
      const mid = (lo + hi) >>> 1;
      if (laneCompare(lane[mid]!, p) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  delete(id: string): void {
    const old = this.placed.get(id);
    if (!old) return;
    const lane = this.lane(old);
    const i = this.find(lane, old);
    if (lane[i] === old) {
      lane.splice(i, 1);
      this.ops++;
    }
    this.placed.delete(id);
  }

  upsert(row: BoardRow): void {
    this.delete(row.id);
    const p = placement(row, this.sort);
    const lane = this.lane(p);
    lane.splice(this.find(lane, p), 0, p);
    this.ops++;
    this.placed.set(row.id, p);
  }

  /** The rows in order at `now`, filtered: a linear merge of each group's two lanes. */
  list(now: number, filter: BoardFilter = {}): BoardRow[] {
    const out: BoardRow[] = [];
    for (const g of [0, 2]) {
      const grow = this.lanes[g]!;
      const fixed = this.lanes[g + 1]!;
      let i = 0;
      let j = 0;
      while (i < grow.length || j < fixed.length) {
        let take: Placed;
        if (j >= fixed.length) take = grow[i++]!;
        else if (i >= grow.length) take = fixed[j++]!;
        else {
          const a = grow[i]!;
          const b = fixed[j]!;
          const d = duration(b, now) - duration(a, now);
          if (d < 0 || (d === 0 && byId(a, b) < 0)) take = grow[i++]!;
          else take = fixed[j++]!;
        }
        if (matches(take.row, filter)) out.push(take.row);
      }
    }
    return out;
  }
}
