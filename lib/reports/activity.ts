// Agent activity (issue 20): time in each state over a period from the append-only history, and
// occupancy (time in chats over time logged in). Pure.

export interface StateSpan {
  userId: string;
  status: string;
  reason: string | null;
  startedAt: Date;
  /** null: still in this state. */
  endedAt: Date | null;
}

export interface AgentActivity {
  userId: string;
  /** ms per state key: READY, NOT_READY, LOGGED_OUT, and NOT_READY:<reason> for each reason. */
  timeInState: Record<string, number>;
  loggedInMs: number;
  chatMs: number;
  /** chatMs / loggedInMs, null when never logged in. */
  occupancy: number | null;
  handled: number;
}

/** A span's duration clipped to [from, to), with `now` closing an open span. */
export function clippedMs(s: { startedAt: Date; endedAt: Date | null }, from: Date, to: Date, now: Date): number {
  const end = Math.min((s.endedAt ?? now).getTime(), to.getTime(), now.getTime());
  return Math.max(0, end - Math.max(s.startedAt.getTime(), from.getTime()));
}

export function agentActivity(
  spans: readonly StateSpan[],
  chat: readonly { userId: string; chatMs: number; handled: number }[],
  range: { from: Date; to: Date; now: Date },
): AgentActivity[] {
  const by = new Map<string, AgentActivity>();
  const get = (userId: string) => {
    let a = by.get(userId);
    if (!a) by.set(userId, (a = { userId, timeInState: {}, loggedInMs: 0, chatMs: 0, occupancy: null, handled: 0 }));
    return a;
  };
  for (const s of spans) {
    const ms = clippedMs(s, range.from, range.to, range.now);
    const a = get(s.userId);
    a.timeInState[s.status] = (a.timeInState[s.status] ?? 0) + ms;
    if (s.status === 'NOT_READY' && s.reason) a.timeInState[`NOT_READY:${s.reason}`] = (a.timeInState[`NOT_READY:${s.reason}`] ?? 0) + ms;
    if (s.status !== 'LOGGED_OUT') a.loggedInMs += ms;
  }
  for (const c of chat) {
    const a = get(c.userId);
    a.chatMs = c.chatMs;
    a.handled = c.handled;
  }
  for (const a of by.values()) a.occupancy = a.loggedInMs > 0 ? Math.min(1, a.chatMs / a.loggedInMs) : null;
  return [...by.values()];
}
