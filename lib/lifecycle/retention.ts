// Retention cut-offs (issue 22): pure, so the rule is unit-tested apart from the purge job.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Anything older than the returned instant has expired; null when kept forever (0 days). */
export function cutoff(now: Date, days: number): Date | null {
  if (!Number.isFinite(days) || days <= 0) return null;
  return new Date(now.getTime() - Math.floor(days) * DAY_MS);
}

export interface TranscriptRule {
  keepTranscriptsDays: number;
  /** queue id → days (0 = forever for that queue, whatever the default). */
  queueTranscriptDays: Record<string, number>;
}

/** Each queue's cut-off for finished chats: its own override, else the default. */
export function transcriptCutoffs(rule: TranscriptRule, queueIds: readonly string[], now: Date): { queueId: string; before: Date }[] {
  const out: { queueId: string; before: Date }[] = [];
  for (const queueId of queueIds) {
    const override = rule.queueTranscriptDays[queueId];
    const before = cutoff(now, override ?? rule.keepTranscriptsDays);
    if (before) out.push({ queueId, before });
  }
  return out;
}

/** Whether a chat that finished at `finishedAt` in `queueId` has expired. */
export function transcriptExpired(rule: TranscriptRule, queueId: string, finishedAt: Date, now: Date): boolean {
  const c = transcriptCutoffs(rule, [queueId], now)[0];
  return !!c && finishedAt < c.before;
}
