import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('singleFlight', () => {
  it('runs at once when idle, and one shared follow-up run for every call during a run', async () => {
    const gates: ReturnType<typeof deferred>[] = [];
    const seen: { announce: boolean }[] = [];
    const pass = singleFlight(
      async (o: { announce: boolean }) => {
        seen.push(o);
        const g = deferred();
        gates.push(g);
        await g.promise;
        return seen.length;
      },
      (a, b) => ({ announce: a.announce || b.announce }),
    );
    const first = pass({ announce: false });
    const a = pass({ announce: false });
    const b = pass({ announce: true });
    const c = pass({ announce: false });
    expect(seen).toHaveLength(1); // the others wait for the first run to end
    expect(a).toBe(b);
    expect(b).toBe(c);
    gates[0]!.resolve();
    expect(await first).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([{ announce: false }, { announce: true }]); // one follow-up, options merged
    gates[1]!.resolve();
    expect(await a).toBe(2);
    // Idle again: the next call runs at once.
    const d = pass({ announce: false });
    expect(seen).toHaveLength(3);
    gates[2]!.resolve();
    expect(await d).toBe(3);
  });

  it('still runs the follow-up when the run it waited for failed, and reports each run its own outcome', async () => {
    let n = 0;
    const gate = deferred();
    const pass = singleFlight(
      async () => {
        n++;
        if (n === 1) {
          await gate.promise;
          throw new Error('first failed');
        }
        return n;
      },
      (a: null) => a,
    );
    const first = pass(null);
    const second = pass(null);
    gate.resolve();
    await expect(first).rejects.toThrow('first failed');
    expect(await second).toBe(2);
  });
});
