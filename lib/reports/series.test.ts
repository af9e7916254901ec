import { describe, expect, it } from 'vitest';
import type { ReportChat } from './figures';
import { handleDistribution, intervalSeries } from './series';

const T = (hm: string) => new Date(`2026-11-29T${hm}:00.000Z`);
const chat = (id: string, created: string, accepted: string | null, done: string | null): ReportChat => ({
  id,
  queueId: 'q',
  agentId: null,
  createdAt: T(created),
  acceptedAt: accepted ? T(accepted) : null,
  firstResponseAt: null,
  endedAt: done ? T(done) : null,
  doneAt: done ? T(done) : null,
  endedBy: 'agent',
  dispositionId: null,
  rating: null,
  transfers: 0,
  conferences: 0,
  consultations: 0,
  responseWaitsMs: [],
});

describe('chart series', () => {
  const chats = [chat('a', '09:05', '09:05', '09:06'), chat('b', '09:59', '10:01', '10:20'), chat('c', '10:00', '10:00', '11:30'), chat('d', '08:00', '08:00', '08:01')];
  it('puts each chat in the bucket of its queue entry, ignoring earlier ones', () => {
    const s = intervalSeries(chats, [T('09:00'), T('10:00')], { serviceLevelSec: 30, redSec: 60 });
    expect(s.map((p) => [p.offered, p.handled, p.serviceLevel])).toEqual([
      [2, 2, 0.5],
      [1, 1, 1],
    ]);
  });
  it('bands handle times', () => {
    expect(handleDistribution(chats)).toEqual([2, 0, 0, 1, 0, 0, 1]);
  });
});
