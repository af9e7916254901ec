// Report figures (issue 20) over a closed period, computed from stored facts. Pure: the data layer
// (report-data.ts) reads one row per chat; these rules say what each figure means. They follow
// today's queue figures (lib/supervisor/figures.ts) with the period in place of "today".
// The tooltips (messages/<locale>/reports.json, help.*) say the same in words.

export interface ReportChat {
  id: string;
  queueId: string;
  /** The agent who owned the chat (null when never accepted). */
  agentId: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  firstResponseAt: Date | null;
  endedAt: Date | null;
  doneAt: Date | null;
  endedBy: string | null;
  dispositionId: string | null;
  rating: number | null;
  transfers: number;
  conferences: number;
  consultations: number;
  /** Answered contact messages of this chat: how long each waited (ms). */
  responseWaitsMs: readonly number[];
}

export interface ReportFigures {
  /** Chats that entered the queue in the period. */
  offered: number;
  /** Of those, chats an agent accepted. */
  accepted: number;
  /** Of those, chats the contact left before anyone accepted them. */
  abandoned: number;
  /** Of those, accepted chats finished (Done). */
  handled: number;
  /** Average speed of answer: mean time from entering the queue to acceptance, accepted chats. */
  asaMs: number | null;
  /** Mean time from acceptance to the agent's first reply. */
  avgFirstResponseMs: number | null;
  /** Mean time from acceptance to Done (wrap-up included), handled chats. */
  avgHandleMs: number | null;
  /** Share of accepted-or-abandoned chats accepted within the threshold. */
  serviceLevel: number | null;
  /** Answered contact messages that waited past the red threshold. */
  lateResponses: number;
  transfers: number;
  conferences: number;
  consultations: number;
  /** Mean rating (1–5) of rated chats, and how many were rated. */
  avgRating: number | null;
  ratings: number;
  /** Handled chats per disposition id ('' when none was set). */
  dispositions: Record<string, number>;
}

export interface FigureRules {
  serviceLevelSec: number;
  redSec: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const ms = (a: Date, b: Date) => b.getTime() - a.getTime();

/** The figures of chats that entered the queue in the period (the caller selects them). */
export function reportFigures(chats: readonly ReportChat[], rules: FigureRules): ReportFigures {
  const accepted = chats.filter((c) => c.acceptedAt !== null);
  const abandoned = chats.filter((c) => c.acceptedAt === null && c.endedBy === 'contact' && c.endedAt !== null);
  const handled = accepted.filter((c) => c.doneAt !== null);
  const slWithin = accepted.filter((c) => ms(c.createdAt, c.acceptedAt!) <= rules.serviceLevelSec * 1000).length;
  const slBase = accepted.length + abandoned.length;
  const rated = chats.filter((c) => c.rating !== null);
  const dispositions: Record<string, number> = {};
  for (const c of handled) dispositions[c.dispositionId ?? ''] = (dispositions[c.dispositionId ?? ''] ?? 0) + 1;
  const redMs = rules.redSec * 1000;
  return {
    offered: chats.length,
    accepted: accepted.length,
    abandoned: abandoned.length,
    handled: handled.length,
    asaMs: mean(accepted.map((c) => ms(c.createdAt, c.acceptedAt!))),
    avgFirstResponseMs: mean(accepted.filter((c) => c.firstResponseAt).map((c) => ms(c.acceptedAt!, c.firstResponseAt!))),
    avgHandleMs: mean(handled.map((c) => ms(c.acceptedAt!, c.doneAt!))),
    serviceLevel: slBase ? slWithin / slBase : null,
    lateResponses: chats.reduce((n, c) => n + c.responseWaitsMs.filter((w) => w >= redMs).length, 0),
    transfers: chats.reduce((n, c) => n + c.transfers, 0),
    conferences: chats.reduce((n, c) => n + c.conferences, 0),
    consultations: chats.reduce((n, c) => n + c.consultations, 0),
    avgRating: mean(rated.map((c) => c.rating!)),
    ratings: rated.length,
    dispositions,
  };
}

/** Overall, per queue and per agent (an agent's figures: the chats they owned). */
export function reportBreakdown(chats: readonly ReportChat[], rules: FigureRules) {
  const group = (key: (c: ReportChat) => string | null) => {
    const m = new Map<string, ReportChat[]>();
    for (const c of chats) {
      const k = key(c);
      if (k === null) continue;
      const list = m.get(k) ?? [];
      list.push(c);
      m.set(k, list);
    }
    return Object.fromEntries([...m].map(([k, v]) => [k, reportFigures(v, rules)]));
  };
  return { overall: reportFigures(chats, rules), byQueue: group((c) => c.queueId), byAgent: group((c) => c.agentId) };
}

/** Which chats stand behind a figure (drill-down). */
export type FigureKey = 'offered' | 'accepted' | 'abandoned' | 'handled' | 'rated' | 'late' | 'transferred';
export function chatsBehind(chats: readonly ReportChat[], key: FigureKey, rules: FigureRules): ReportChat[] {
  switch (key) {
    case 'offered':
      return [...chats];
    case 'accepted':
      return chats.filter((c) => c.acceptedAt !== null);
    case 'abandoned':
      return chats.filter((c) => c.acceptedAt === null && c.endedBy === 'contact' && c.endedAt !== null);
    case 'handled':
      return chats.filter((c) => c.acceptedAt !== null && c.doneAt !== null);
    case 'rated':
      return chats.filter((c) => c.rating !== null);
    case 'late':
      return chats.filter((c) => c.responseWaitsMs.some((w) => w >= rules.redSec * 1000));
    case 'transferred':
      return chats.filter((c) => c.transfers > 0);
  }
}
