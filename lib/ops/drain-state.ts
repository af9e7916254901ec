// Process-wide drain state, shared by every copy of this module: server.ts loads lib code
// through tsx, while Next.js bundles its own copy for route handlers, so the state lives on
// globalThis. Modules with buffered work (broadcast lanes, the board publisher) register a
// flusher here; the drain sequence (./drain.ts) runs them after in-flight requests finish.

export type Flusher = () => Promise<unknown>;

interface DrainState {
  draining: boolean;
  /** Run by `order` (lower first): producers before transports. Each copy of a module registers its own. */
  flushers: { name: string; order: number; run: Flusher }[];
}

const KEY = Symbol.for('chat-console.drain-state/2');

function state(): DrainState {
  const g = globalThis as { [KEY]?: DrainState };
  return (g[KEY] ??= { draining: false, flushers: [] });
}

/**
 * Registers a flusher; `order` lower runs first. Not keyed by name: the tsx copy and the Next.js
 * copy of a module each hold their own queue, and both must be flushed.
 */
export function onDrain(name: string, order: number, run: Flusher): void {
  state().flushers.push({ name, order, run });
}

export function isDraining(): boolean {
  return state().draining;
}

export function setDraining(v: boolean): void {
  state().draining = v;
}

/** Runs every registered flusher in order; a failing one is reported, the rest still run. */
export async function runFlushers(report: (name: string, error: unknown) => void = () => {}): Promise<string[]> {
  const ran: string[] = [];
  const list = [...state().flushers].sort((a, b) => a.order - b.order);
  for (const { name, ...f } of list) {
    try {
      await f.run();
    } catch (e) {
      report(name, e);
    }
    ran.push(name);
  }
  return ran;
}

/** For tests. */
export function resetDrainState(): void {
  const s = state();
  s.draining = false;
  s.flushers.length = 0;
}
