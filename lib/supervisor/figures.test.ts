import { describe, expect, it } from 'vitest';
import { computeQueueFigures, type FigureChat } from './figures';

const T = (hms: string) => new Date(`2026-11-29T${hms}.000Z`);
const base: Omit<FigureChat, 'queueId' | 'status' | 'createdAt'> = {
  acceptedAt: null,
  firstResponseAt: null,
  endedAt: null,
  doneAt: null,
  endedBy: null,
  pendingSince: null,
};
const chat = (c: Partial<FigureChat> & Pick<FigureChat, 'queueId' | 'status' | 'createdAt'>): FigureChat => ({ ...base, ...c });

describe('queue figures (S3) on fixed data', () => {
  const chats: FigureChat[] = [
    // Yesterday's chat handled today: counts as handled, not as offered today.
    chat({ queueId: 'main', status: 'DONE', createdAt: new Date('2026-11-28T23:50:00.000Z'), acceptedAt: new Date('2026-11-28T23:55:00.000Z'), endedAt: T('00:10:00'), doneAt: T('00:20:00'), endedBy: 'agent' }),
    // Accepted in 20 s (within 30 s), first reply after 60 s, done after 10 min.
    chat({ queueId: 'main', status: 'DONE', createdAt: T('09:00:00'), acceptedAt: T('09:00:20'), firstResponseAt: T('09:01:20'), endedAt: T('09:08:20'), doneAt: T('09:10:20'), endedBy: 'contact' }),
    // Accepted in 40 s (outside), first reply after 30 s, still active, pending 90 s (red at 60 s).
    chat({ queueId: 'main', status: 'ACTIVE', createdAt: T('09:30:00'), acceptedAt: T('09:30:40'), firstResponseAt: T('09:31:10'), pendingSince: T('09:58:30') }),
    // Abandoned: the contact left before anyone accepted.
    chat({ queueId: 'main', status: 'DONE', createdAt: T('09:40:00'), endedAt: T('09:42:00'), doneAt: T('09:42:00'), endedBy: 'contact' }),
    // Waiting now: 5 min and 1 min.
    chat({ queueId: 'main', status: 'QUEUED', createdAt: T('09:55:00') }),
    chat({ queueId: 'billing', status: 'OFFERED', createdAt: T('09:59:00') }),
    // Billing: accepted in 10 s, ended by the agent, not yet done; pending only 10 s (green).
    chat({ queueId: 'billing', status: 'ENDED', createdAt: T('09:20:00'), acceptedAt: T('09:20:10'), firstResponseAt: T('09:20:30'), endedAt: T('09:50:00'), endedBy: 'agent' }),
    chat({ queueId: 'billing', status: 'ACTIVE', createdAt: T('09:45:00'), acceptedAt: T('09:45:05'), pendingSince: T('09:59:50') }),
  ];
  const responses = [
    { queueId: 'main', waitMs: 5_000 },
    { queueId: 'main', waitMs: 61_000 },
    { queueId: 'billing', waitMs: 60_000 },
    { queueId: 'billing', waitMs: 59_999 },
  ];
  const out = computeQueueFigures({ chats, responses, now: T('10:00:00'), dayStart: T('00:00:00'), serviceLevelSec: 30, redSec: 60 }, ['main', 'billing', 'idle']);

  it('computes each figure per queue', () => {
    expect(out.byQueue.main).toEqual({
      waiting: 1,
      longestWaitMs: 5 * 60_000,
      offered: 4,
      accepted: 2,
      abandoned: 1,
      handled: 2,
      avgFirstResponseMs: (60_000 + 30_000) / 2,
      avgHandleMs: (25 * 60_000 + 10 * 60_000) / 2,
      serviceLevel: 1 / 3,
      redResponses: 2, // one late reply today + one live chat past red now
    });
    expect(out.byQueue.billing).toMatchObject({ waiting: 1, longestWaitMs: 60_000, offered: 3, accepted: 2, abandoned: 0, handled: 0, avgHandleMs: null, serviceLevel: 1, redResponses: 1 });
    expect(out.byQueue.billing!.avgFirstResponseMs).toBe(20_000);
  });

  it('lists idle queues with empty figures', () => {
    expect(out.byQueue.idle).toEqual({
      waiting: 0,
      longestWaitMs: 0,
      offered: 0,
      accepted: 0,
      abandoned: 0,
      handled: 0,
      avgFirstResponseMs: null,
      avgHandleMs: null,
      serviceLevel: null,
      redResponses: 0,
    });
  });

  it('adds the queues up overall', () => {
    expect(out.overall).toMatchObject({ waiting: 2, longestWaitMs: 5 * 60_000, offered: 7, accepted: 4, abandoned: 1, handled: 2, redResponses: 3 });
    expect(out.overall.serviceLevel).toBeCloseTo(3 / 5);
  });

  it('uses the thresholds given (service level and red) rather than fixed ones', () => {
    const strict = computeQueueFigures({ chats, responses, now: T('10:00:00'), dayStart: T('00:00:00'), serviceLevelSec: 10, redSec: 30 }, ['main']);
    expect(strict.overall.serviceLevel).toBeCloseTo(2 / 5); // billing's 10 s and 5 s accepts
    expect(strict.overall.redResponses).toBe(3 + 1);
  });
});
