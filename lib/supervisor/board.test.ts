import { describe, expect, it } from 'vitest';
import type { AgentRow, BoardDelta, BoardRow, BoardSnapshot } from './board';
import { filterAndSort } from './board-order';
import { LiveBoard } from './live-board';

/** The board as the page holds it: each delta applied whole, as soon as it arrives. */
type BoardState = LiveBoard;
const emptyBoard = () => new LiveBoard('waiting');
function applyDelta(s: LiveBoard, d: BoardDelta): LiveBoard {
  s.enqueue(d);
  s.drain(Infinity);
  return s;
}
function applySnapshot(s: LiveBoard, snap: BoardSnapshot): LiveBoard {
  s.snapshot(snap);
  return s;
}

function row(id: string, version: number, over: Partial<BoardRow> = {}): BoardRow {
  return {
    id,
    version,
    status: 'ACTIVE',
    contactName: `Contact ${id}`,
    subject: 'Help',
    queueId: 'q-main',
    queueName: 'Main',
    ownerId: 'a1',
    ownerName: 'Agent One',
    ownerNickname: 'Alex',
    groupId: 'g-support',
    createdAt: '2026-11-29T10:00:00.000Z',
    acceptedAt: '2026-11-29T10:00:10.000Z',
    pendingSince: null,
    helpRequestedAt: null,
    lastMessage: null,
    ...over,
  };
}

function agent(id: string, version: number, over: Partial<AgentRow> = {}): AgentRow {
  return {
    id,
    version,
    name: id,
    nickname: null,
    role: 'AGENT',
    groupId: null,
    groupName: null,
    skills: [],
    status: 'READY',
    notReadyReason: null,
    statusSince: '2026-11-29T10:00:00.000Z',
    openChats: 0,
    capacity: 3,
    oldestPendingSince: null,
    helpRequests: 0,
    ...over,
  };
}

const ids = (s: BoardState) => [...s.rows.keys()].sort();

describe('board reducer (S1)', () => {
  it('applies deltas in version order and drops stale ones', () => {
    let s = emptyBoard();
    s = applyDelta(s, { rows: [row('c1', 10, { lastMessage: { senderName: 'Dana', text: 'one', at: 'x' } })] });
    s = applyDelta(s, { rows: [row('c1', 30, { lastMessage: { senderName: 'Dana', text: 'three', at: 'x' } })] });
    const before = s.version;
    // An older delta that travelled slower changes nothing (and asks for no render).
    s = applyDelta(s, { rows: [row('c1', 20, { lastMessage: { senderName: 'Dana', text: 'two', at: 'x' } })] });
    expect(s.version).toBe(before);
    expect(s.rows.get('c1')?.lastMessage?.text).toBe('three');
    // An equal version is a duplicate.
    expect(applyDelta(s, { rows: [row('c1', 30, { status: 'ENDED' })] }).version).toBe(before);
  });

  it('keeps a tombstone so a late upsert cannot bring a removed row back', () => {
    let s = applyDelta(emptyBoard(), { rows: [row('c1', 10)] });
    s = applyDelta(s, { removed: [{ id: 'c1', version: 40 }] });
    expect(s.rows.has('c1')).toBe(false);
    s = applyDelta(s, { rows: [row('c1', 35, { status: 'ENDED' })] });
    expect(s.rows.has('c1')).toBe(false);
    // A removal older than what is held is stale too.
    s = applyDelta(s, { rows: [row('c2', 50)] });
    s = applyDelta(s, { removed: [{ id: 'c2', version: 45 }] });
    expect(s.rows.has('c2')).toBe(true);
  });

  it('does not touch unrelated data (a row delta keeps the agents list identity)', () => {
    const s = applyDelta(emptyBoard(), { agents: [agent('a1', 5)] });
    const agentsBefore = s.agentsByName();
    const t = applyDelta(s, { rows: [row('c1', 6)] });
    expect(t.agentsByName()).toBe(agentsBefore);
    expect(applyDelta(t, { agents: [agent('a1', 4, { status: 'NOT_READY' })] }).agents.get('a1')?.status).toBe('READY');
  });

  it('converges after a catch-up whatever was missed, reordered or doubled', () => {
    // The truth, as successive store versions.
    const truth = [
      { rows: [row('c1', 10)] },
      { rows: [row('c2', 20, { status: 'QUEUED', ownerId: null, acceptedAt: null })] },
      { rows: [row('c1', 30, { pendingSince: '2026-11-29T10:01:00.000Z' })] },
      { removed: [{ id: 'c1', version: 40 }] },
      { rows: [row('c3', 50)] },
      { rows: [row('c2', 60, { status: 'ACTIVE' })] },
    ];
    let full = emptyBoard();
    for (const d of truth) full = applyDelta(full, d);

    // A client that missed some deltas, got others twice and out of order…
    let client = emptyBoard();
    for (const i of [4, 0, 2, 2]) client = applyDelta(client, truth[i]!);
    expect(ids(client)).not.toEqual(ids(full));
    // …reads a snapshot taken at version 55 (c2 queued, c3), then receives what came after.
    client = applySnapshot(client, {
      version: 55,
      rows: [row('c2', 55, { status: 'QUEUED', ownerId: null, acceptedAt: null }), row('c3', 55)],
      agents: [agent('a1', 55)],
    });
    client = applyDelta(client, truth[5]!);
    client = applyDelta(client, truth[3]!); // a stale removal of c1 arriving late: harmless
    expect(ids(client)).toEqual(ids(full));
    expect(client.rows.get('c2')?.status).toBe('ACTIVE');
    expect(client.agents.get('a1')?.version).toBe(55);
  });

  it('a snapshot keeps rows and agents that deltas brought after it was read, and drops older ones it lacks', () => {
    let s = applyDelta(emptyBoard(), { rows: [row('old', 10), row('new', 70)], agents: [agent('a1', 80)] });
    s = applySnapshot(s, { version: 60, rows: [row('other', 60)], agents: [agent('a1', 60, { status: 'NOT_READY' })] });
    expect(ids(s)).toEqual(['new', 'other']);
    expect(s.agents.get('a1')?.status).toBe('READY');
    // A removal newer than the snapshot still wins over the snapshot's copy.
    s = applyDelta(s, { removed: [{ id: 'other', version: 90 }] });
    s = applySnapshot(s, { version: 85, rows: [row('other', 85), row('new', 85)], agents: [] });
    expect(ids(s)).toEqual(['new']);
  });
});

describe('board filters and sorting (S1)', () => {
  const now = Date.parse('2026-11-29T10:10:00.000Z');
  const rows = [
    row('a', 1, { status: 'QUEUED', ownerId: null, groupId: null, acceptedAt: null, createdAt: '2026-11-29T10:05:00.000Z' }),
    row('b', 1, { status: 'QUEUED', ownerId: null, groupId: null, acceptedAt: null, createdAt: '2026-11-29T10:02:00.000Z', queueId: 'q-bill' }),
    row('c', 1, { pendingSince: '2026-11-29T10:09:00.000Z' }),
    row('d', 1, { pendingSince: '2026-11-29T10:03:00.000Z', ownerId: 'a2', groupId: 'g-sales' }),
  ];
  it('sorts by waiting time and by pending time, longest first', () => {
    expect(filterAndSort(rows, {}, 'waiting', now).map((r) => r.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(filterAndSort(rows, {}, 'pending', now).map((r) => r.id).slice(0, 2)).toEqual(['d', 'c']);
  });
  it('filters by queue, group, agent and state', () => {
    expect(filterAndSort(rows, { queueId: 'q-bill' }, 'waiting', now).map((r) => r.id)).toEqual(['b']);
    expect(filterAndSort(rows, { groupId: 'g-sales' }, 'waiting', now).map((r) => r.id)).toEqual(['d']);
    expect(filterAndSort(rows, { agentId: 'a1' }, 'pending', now).map((r) => r.id)).toEqual(['c']);
    expect(filterAndSort(rows, { status: 'QUEUED' }, 'waiting', now).map((r) => r.id)).toEqual(['b', 'a']);
  });
  it('puts chats whose agent asked for help first', () => {
    const flagged = [...rows, row('e', 1, { helpRequestedAt: '2026-11-29T10:09:30.000Z' })];
    expect(filterAndSort(flagged, {}, 'waiting', now)[0]!.id).toBe('e');
  });
});
