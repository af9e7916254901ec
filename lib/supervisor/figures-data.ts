import 'server-only';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/settings/settings';
import { computeQueueFigures, type FigureChat, type QueueFigures } from './figures';
import { iso } from './sql-values';
import { queueWaitEstimates } from '@/lib/widget/estimated-wait-data';
import type { WaitEstimate } from '@/lib/widget/estimated-wait';

// S3 from stored data only (chats, their timestamps, the ResponseWait rows), so the figures are
// the same after a restart, on any app instance.

/** Midnight of `now` in the server's time zone (the contact center's day). */
export function startOfDay(now: Date): Date {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d;
}

interface RawChat {
  queueId: string;
  status: FigureChat['status'];
  createdAt: Date | string;
  acceptedAt: Date | string | null;
  firstResponseAt: Date | string | null;
  endedAt: Date | string | null;
  doneAt: Date | string | null;
  endedBy: string | null;
  pendingSince: Date | string | null;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(iso(v)!));

export interface FiguresView {
  at: string;
  dayStart: string;
  serviceLevelSec: number;
  timers: { yellowSec: number; redSec: number };
  /** estimatedWait (issue 18): what a contact joining the queue now is told (lib/widget/estimated-wait-data.ts). */
  queues: { id: string; name: string; figures: QueueFigures; estimatedWait?: WaitEstimate }[];
  overall: QueueFigures;
}

export async function queueFigures(opts: { now?: Date; client?: typeof db } = {}): Promise<FiguresView> {
  const client = opts.client ?? db;
  const now = opts.now ?? new Date();
  const dayStart = startOfDay(now);
  const settings = await getSettings();
  const [queues, chats, late, waits] = await Promise.all([
    client.queue.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    // Today's chats, and older ones still open or finished today.
    client.$queryRaw<RawChat[]>`
      SELECT "queueId", status::text AS status, "createdAt", "acceptedAt", "firstResponseAt", "endedAt", "doneAt", "endedBy", "pendingSince"
      FROM "Interaction"
      WHERE "createdAt" >= ${dayStart} OR status <> 'DONE' OR "doneAt" >= ${dayStart} OR "endedAt" >= ${dayStart} OR "acceptedAt" >= ${dayStart}`,
    // Only the late answers are needed (the rule re-checks the threshold).
    client.$queryRaw<{ queueId: string; waitMs: number }[]>`
      SELECT "queueId", "waitMs" FROM "ResponseWait" WHERE "answeredAt" >= ${dayStart} AND "waitMs" >= ${settings.pendingRedSec * 1000}`,
    queueWaitEstimates(client, now),
  ]);
  const figureChats: FigureChat[] = chats.map((c) => ({
    queueId: c.queueId,
    status: c.status,
    createdAt: date(c.createdAt)!,
    acceptedAt: date(c.acceptedAt),
    firstResponseAt: date(c.firstResponseAt),
    endedAt: date(c.endedAt),
    doneAt: date(c.doneAt),
    endedBy: c.endedBy,
    pendingSince: date(c.pendingSince),
  }));
  const out = computeQueueFigures(
    { chats: figureChats, responses: late.map((r) => ({ queueId: r.queueId, waitMs: Number(r.waitMs) })), now, dayStart, serviceLevelSec: settings.serviceLevelSec, redSec: settings.pendingRedSec },
    queues.map((q) => q.id),
  );
  return {
    at: now.toISOString(),
    dayStart: dayStart.toISOString(),
    serviceLevelSec: settings.serviceLevelSec,
    timers: { yellowSec: settings.pendingYellowSec, redSec: settings.pendingRedSec },
    queues: queues.map((q) => ({ id: q.id, name: q.name, figures: out.byQueue[q.id]!, estimatedWait: waits[q.id] })),
    overall: out.overall,
  };
}
