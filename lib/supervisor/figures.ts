// Queue figures (S3) computed from stored facts. Pure: the data layer (figures-data.ts) reads the
// facts; these rules say what each figure means. The definitions shown to supervisors on hover
// (messages/<locale>/supervisor.json, figures.help.*) say the same in words.

export interface FigureChat {
  queueId: string;
  status: 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'ENDED' | 'DONE';
  createdAt: Date;
  acceptedAt: Date | null;
  firstResponseAt: Date | null;
  endedAt: Date | null;
  doneAt: Date | null;
  endedBy: string | null;
  /** Still-unanswered contact message on a live chat (A6). */
  pendingSince: Date | null;
}

export interface QueueFigures {
  /** Chats queued or being offered right now. */
  waiting: number;
  /** The longest of their waits so far, ms (0 when none wait). */
  longestWaitMs: number;
  /** Chats that entered the queue today. */
  offered: number;
  /** Chats accepted by an agent today. */
  accepted: number;
  /** Chats the contact left today before anyone accepted them. */
  abandoned: number;
  /** Accepted chats finished (Done) today. */
  handled: number;
  /** Mean time from acceptance to the agent's first reply, for first replies today; null if none. */
  avgFirstResponseMs: number | null;
  /** Mean time from acceptance to Done (wrap-up included), for chats handled today; null if none. */
  avgHandleMs: number | null;
  /** Share of today's answered-or-abandoned chats accepted within the service-level threshold; null if none. */
  serviceLevel: number | null;
  /** Replies today that came after the red threshold, plus live chats waiting past it now. */
  redResponses: number;
}

export interface FigureInput {
  chats: readonly FigureChat[];
  /** Answered pending responses today: how long each waited (ms), per queue. */
  responses: readonly { queueId: string; waitMs: number }[];
  now: Date;
  dayStart: Date;
  serviceLevelSec: number;
  redSec: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function figuresOf(chats: readonly FigureChat[], responses: readonly { waitMs: number }[], input: FigureInput): QueueFigures {
  const now = input.now.getTime();
  const day = input.dayStart.getTime();
  const today = (d: Date | null): d is Date => d !== null && d.getTime() >= day && d.getTime() <= now;
  const waiting = chats.filter((c) => c.status === 'QUEUED' || c.status === 'OFFERED');
  const accepted = chats.filter((c) => today(c.acceptedAt));
  const abandoned = chats.filter((c) => c.acceptedAt === null && c.endedBy === 'contact' && today(c.endedAt));
  const handled = chats.filter((c) => c.acceptedAt !== null && today(c.doneAt));
  const firstResponses = chats.filter((c) => c.acceptedAt && today(c.firstResponseAt)).map((c) => c.firstResponseAt!.getTime() - c.acceptedAt!.getTime());
  const slWithin = accepted.filter((c) => c.acceptedAt!.getTime() - c.createdAt.getTime() <= input.serviceLevelSec * 1000).length;
  const slBase = accepted.length + abandoned.length;
  const redMs = input.redSec * 1000;
  const liveRed = chats.filter((c) => c.status === 'ACTIVE' && c.pendingSince && now - c.pendingSince.getTime() >= redMs).length;
  return {
    waiting: waiting.length,
    longestWaitMs: waiting.reduce((m, c) => Math.max(m, now - c.createdAt.getTime()), 0),
    offered: chats.filter((c) => today(c.createdAt)).length,
    accepted: accepted.length,
    abandoned: abandoned.length,
    handled: handled.length,
    avgFirstResponseMs: mean(firstResponses),
    avgHandleMs: mean(handled.map((c) => c.doneAt!.getTime() - c.acceptedAt!.getTime())),
    serviceLevel: slBase ? slWithin / slBase : null,
    redResponses: responses.filter((r) => r.waitMs >= redMs).length + liveRed,
  };
}

/** Per queue (every queue listed, even when idle) and overall. */
export function computeQueueFigures(input: FigureInput, queueIds: readonly string[]): { overall: QueueFigures; byQueue: Record<string, QueueFigures> } {
  const byQueue: Record<string, QueueFigures> = {};
  for (const q of queueIds) {
    byQueue[q] = figuresOf(
      input.chats.filter((c) => c.queueId === q),
      input.responses.filter((r) => r.queueId === q),
      input,
    );
  }
  return { overall: figuresOf(input.chats, input.responses, input), byQueue };
}
