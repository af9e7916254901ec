import { describe, expect, it } from 'vitest';
import type { BoardDelta, BoardRow, BoardSort, BoardStatus } from './board';
import { BoardOrder, filterAndSort } from './board-order';
import { LiveBoard } from './live-board';

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const STATUSES: BoardStatus[] = ['QUEUED', 'OFFERED', 'ACTIVE', 'ENDED'];

function randomRow(r: () => number, id: string, version: number): BoardRow {
  const status = STATUSES[Math.floor(r() * STATUSES.length)]!;
  // Coarse times so that equal durations (ties broken by id) happen often.
  const created = T0 + Math.floor(r() * 20) * 1000;
  const accepted = status === 'ACTIVE' || status === 'ENDED' || r() < 0.1 ? created + Math.floor(r() * 10) * 1000 : null;
  const pending = status === 'ACTIVE' && r() < 0.6 ? T0 + Math.floor(r() * 30) * 1000 : null;
  return {
    id,
    version,
    status,
    contactName: `Contact ${id}`,
    subject: 'Help',
    queueId: r() < 0.5 ? 'q1' : 'q2',
    queueName: 'Q',
    ownerId: accepted ? (r() < 0.5 ? 'a1' : 'a2') : null,
    ownerName: null,
    ownerNickname: null,
    groupId: r() < 0.5 ? 'g1' : null,
    createdAt: new Date(created).toISOString(),
    acceptedAt: accepted ? new Date(accepted).toISOString() : null,
    pendingSince: pending ? new Date(pending).toISOString() : null,
    helpRequestedAt: r() < 0.1 ? new Date(T0).toISOString() : null,
    lastMessage: null,
  };
}

function randomDeltas(seed: number, count: number, ids = 40): BoardDelta[] {
  const r = rng(seed);
  const out: BoardDelta[] = [];
  for (let i = 0; i < count; i++) {
    // Versions out of order, duplicated now and then: a delta may be stale.
    const version = Math.floor(r() * count * 2);
    const id = `c${Math.floor(r() * ids)}`;
    if (r() < 0.15) out.push({ removed: [{ id, version }] });
    else out.push({ rows: [randomRow(r, id, version)] });
  }
  return out;
}

const SORTS: BoardSort[] = ['waiting', 'pending', 'started'];
const ids = (rows: BoardRow[]) => rows.map((x) => x.id);

describe('incremental board order (S1)', () => {
  it('equals a full sort on random sequences of deltas, for every sort, filter and clock', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const sort of SORTS) {
        const order = new BoardOrder(sort);
        const held = new Map<string, BoardRow>();
        const r = rng(seed * 7);
        for (const d of randomDeltas(seed, 200)) {
          for (const row of d.rows ?? []) {
            order.upsert(row);
            held.set(row.id, row);
          }
          for (const g of d.removed ?? []) {
            order.delete(g.id);
            held.delete(g.id);
          }
          const now = T0 + Math.floor(r() * 60) * 1000;
          expect(ids(order.list(now))).toEqual(ids(filterAndSort(held.values(), {}, sort, now)));
        }
        const now = T0 + 45_000;
        for (const filter of [{ queueId: 'q1' }, { groupId: 'g1' }, { agentId: 'a2' }, { status: 'QUEUED' as const }]) {
          expect(ids(order.list(now, filter))).toEqual(ids(filterAndSort(held.values(), filter, sort, now)));
        }
      }
    }
  });

  it('keeps the order as the clock moves (a waiting chat overtakes accepted ones)', () => {
    const order = new BoardOrder('waiting');
    const accepted = randomRow(rng(1), 'acc', 1);
    Object.assign(accepted, { status: 'ACTIVE', createdAt: new Date(T0).toISOString(), acceptedAt: new Date(T0 + 30_000).toISOString(), helpRequestedAt: null });
    const queued = { ...accepted, id: 'que', status: 'QUEUED' as const, createdAt: new Date(T0 + 60_000).toISOString(), acceptedAt: null };
    order.upsert(accepted);
    order.upsert(queued);
    expect(ids(order.list(T0 + 70_000))).toEqual(['acc', 'que']); // waited 30 s against 10 s
    expect(ids(order.list(T0 + 100_000))).toEqual(['que', 'acc']); // 40 s against 30 s
  });
});

describe('live board (S1): the reducer rules, applied in slices', () => {
  it('ends the same whether deltas are drained one by one or in random slices between catch-ups', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const deltas = randomDeltas(seed, 300);
      const whole = new LiveBoard('waiting');
      const sliced = new LiveBoard('waiting');
      const r = rng(seed + 1000);
      for (const d of deltas) {
        whole.enqueue(d);
        whole.drain(Infinity);
        sliced.enqueue(d);
        if (r() < 0.3) sliced.drain(1 + Math.floor(r() * 5));
        if (r() < 0.02) {
          // A catch-up read of the store as it stands (the one-by-one board is the store here).
          const version = Math.max(0, ...[...whole.rows.values()].map((x) => x.version), ...[...whole.tombstones.values()]);
          const snap = { version, rows: [...whole.rows.values()], agents: [] };
          whole.snapshot(snap);
          sliced.snapshot(snap);
        }
      }
      sliced.drain(Infinity);
      expect(new Set(sliced.rows.keys())).toEqual(new Set(whole.rows.keys()));
      for (const [id, row] of whole.rows) expect(sliced.rows.get(id)).toBe(row);
      expect(ids(sliced.list(T0 + 30_000))).toEqual(ids(filterAndSort(whole.rows.values(), {}, 'waiting', T0 + 30_000)));
    }
  });

  it('drops a delta older than a snapshot that lacked its row (it was gone by then)', () => {
    const live = new LiveBoard('waiting', { version: 50, rows: [], agents: [] });
    live.enqueue({ rows: [randomRow(rng(2), 'late', 40)] });
    live.drain(10);
    expect(live.rows.has('late')).toBe(false);
    live.enqueue({ rows: [randomRow(rng(3), 'late', 60)] });
    live.drain(10);
    expect(live.rows.has('late')).toBe(true);
  });

  it('applies a 1,000-row burst in slices, none over its budget', () => {
    const live = new LiveBoard('waiting');
    const r = rng(42);
    const burst: BoardRow[] = [];
    for (let i = 0; i < 1000; i++) burst.push(randomRow(r, `b${i}`, i + 1));
    // Deltas as the server publishes them: up to 50 rows each.
    for (let i = 0; i < burst.length; i += 50) live.enqueue({ rows: burst.slice(i, i + 50) });
    const budget = 64;
    // The work of one operation is a binary search over at most 1,000 rows plus one move:
    // 2 × log2(1,000) comparisons + a few steps. A slice must stay within budget × that.
    const perOpBound = 2 * Math.ceil(Math.log2(1000)) + 3;
    let slices = 0;
    let left = live.pending;
    expect(left).toBe(1000);
    while (left > 0) {
      const before = live.ops;
      const queued = live.pending;
      left = live.drain(budget);
      slices++;
      expect(queued - left).toBeLessThanOrEqual(budget);
      expect(live.ops - before).toBeLessThanOrEqual(budget * perOpBound);
    }
    expect(slices).toBe(Math.ceil(1000 / budget));
    expect(live.rows.size).toBe(1000);
    expect(ids(live.list(T0 + 60_000))).toEqual(ids(filterAndSort(burst, {}, 'waiting', T0 + 60_000)));
  });

  it('re-orders on a change of sort and keeps agents by name until one changes', () => {
    const live = new LiveBoard('waiting');
    const r = rng(5);
    for (let i = 0; i < 50; i++) live.enqueue({ rows: [randomRow(r, `s${i}`, i + 1)] });
    live.enqueue({ agents: [{ id: 'z', version: 1, name: 'Zoé', nickname: null, role: 'AGENT', groupId: null, groupName: null, skills: [], status: 'READY', notReadyReason: null, statusSince: '', openChats: 0, capacity: 3, oldestPendingSince: null, helpRequests: 0 }] });
    live.enqueue({ agents: [{ id: 'a', version: 1, name: 'Élise', nickname: null, role: 'AGENT', groupId: null, groupName: null, skills: [], status: 'READY', notReadyReason: null, statusSince: '', openChats: 0, capacity: 3, oldestPendingSince: null, helpRequests: 0 }] });
    live.drain(Infinity);
    const v = live.version;
    live.setSort('started');
    expect(live.version).toBeGreaterThan(v);
    expect(ids(live.list(T0))).toEqual(ids(filterAndSort(live.rows.values(), {}, 'started', T0)));
    const first = live.agentsByName();
    expect(first.map((a) => a.name)).toEqual(['Élise', 'Zoé']);
    expect(live.agentsByName()).toBe(first);
  });
});
