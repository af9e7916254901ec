import { describe, expect, it } from 'vitest';
import { chatsBehind, reportBreakdown, reportFigures, type ReportChat } from './figures';

// The same chats as today's queue figures (lib/supervisor/figures.test.ts) where they overlap,
// with agents, ratings, dispositions and collaboration added.
const T = (hms: string) => new Date(`2026-11-29T${hms}.000Z`);
const chat = (c: Partial<ReportChat> & Pick<ReportChat, 'id' | 'queueId' | 'createdAt'>): ReportChat => ({
  agentId: null,
  acceptedAt: null,
  firstResponseAt: null,
  endedAt: null,
  doneAt: null,
  endedBy: null,
  dispositionId: null,
  rating: null,
  transfers: 0,
  conferences: 0,
  consultations: 0,
  responseWaitsMs: [],
  ...c,
});
const rules = { serviceLevelSec: 30, redSec: 60 };
const chats: ReportChat[] = [
  // Accepted in 20 s (within 30 s), first reply after 60 s, done after 10 min, rated 4.
  chat({ id: 'a', queueId: 'main', agentId: 'ann', createdAt: T('09:00:00'), acceptedAt: T('09:00:20'), firstResponseAt: T('09:01:20'), endedAt: T('09:08:20'), doneAt: T('09:10:20'), endedBy: 'contact', dispositionId: 'sale', rating: 4, responseWaitsMs: [5_000, 61_000], transfers: 1 }),
  // Accepted in 40 s (outside), first reply after 30 s, done after 20 min, rated 2.
  chat({ id: 'b', queueId: 'main', agentId: 'bob', createdAt: T('09:30:00'), acceptedAt: T('09:30:40'), firstResponseAt: T('09:31:10'), endedAt: T('09:45:00'), doneAt: T('09:50:40'), endedBy: 'agent', rating: 2, conferences: 1, consultations: 2 }),
  // Abandoned: the contact left before anyone accepted.
  chat({ id: 'c', queueId: 'main', createdAt: T('09:40:00'), endedAt: T('09:42:00'), doneAt: T('09:42:00'), endedBy: 'contact' }),
  // Billing: accepted in 10 s, ended, not yet done: accepted but not handled.
  chat({ id: 'd', queueId: 'billing', agentId: 'ann', createdAt: T('09:20:00'), acceptedAt: T('09:20:10'), firstResponseAt: T('09:20:30'), endedAt: T('09:50:00'), endedBy: 'agent', responseWaitsMs: [60_000, 59_999] }),
];

describe('report figures on fixed data', () => {
  it('defines each figure overall', () => {
    const f = reportFigures(chats, rules);
    expect(f).toMatchObject({ offered: 4, accepted: 3, abandoned: 1, handled: 2, lateResponses: 2, transfers: 1, conferences: 1, consultations: 2, ratings: 2, avgRating: 3 });
    expect(f.asaMs).toBeCloseTo((20_000 + 40_000 + 10_000) / 3);
    expect(f.avgFirstResponseMs).toBeCloseTo((60_000 + 30_000 + 20_000) / 3);
    expect(f.avgHandleMs).toBe((600_000 + 1_200_000) / 2);
    // Within 30 s: a and d; base: 3 accepted + 1 abandoned.
    expect(f.serviceLevel).toBe(2 / 4);
    expect(f.dispositions).toEqual({ sale: 1, '': 1 });
  });

  it('splits per queue and per agent', () => {
    const out = reportBreakdown(chats, rules);
    expect(out.byQueue.main).toMatchObject({ offered: 3, accepted: 2, abandoned: 1, handled: 2 });
    expect(out.byQueue.billing).toMatchObject({ offered: 1, accepted: 1, handled: 0, serviceLevel: 1, avgHandleMs: null });
    expect(out.byAgent.ann).toMatchObject({ offered: 2, handled: 1, ratings: 1, avgRating: 4 });
    expect(out.byAgent.bob).toMatchObject({ offered: 1, handled: 1, avgRating: 2 });
    expect(Object.keys(out.byAgent).sort()).toEqual(['ann', 'bob']);
  });

  it('has no averages on no data', () => {
    expect(reportFigures([], rules)).toMatchObject({ offered: 0, asaMs: null, avgHandleMs: null, serviceLevel: null, avgRating: null, ratings: 0 });
  });

  it('drills down to the chats behind each figure', () => {
    const ids = (k: Parameters<typeof chatsBehind>[1]) => chatsBehind(chats, k, rules).map((c) => c.id);
    expect(ids('offered')).toEqual(['a', 'b', 'c', 'd']);
    expect(ids('abandoned')).toEqual(['c']);
    expect(ids('handled')).toEqual(['a', 'b']);
    expect(ids('rated')).toEqual(['a', 'b']);
    expect(ids('late')).toEqual(['a', 'd']);
    expect(ids('transferred')).toEqual(['a']);
  });
});
