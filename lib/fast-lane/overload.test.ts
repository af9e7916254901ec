import { afterEach, describe, expect, it } from 'vitest';
import { OverloadGuard, shouldShed } from './overload';

describe('load shedding', () => {
  const opts = { maxDelayMs: 250, maxInFlight: 3 };
  it('sheds when the event loop lags past the bound', () => {
    expect(shouldShed({ delayMs: 249, inFlight: 0 }, opts)).toBe(false);
    expect(shouldShed({ delayMs: 251, inFlight: 0 }, opts)).toBe(true);
  });
  it('sheds when as many requests as allowed are already in flight', () => {
    expect(shouldShed({ delayMs: 0, inFlight: 2 }, opts)).toBe(false);
    expect(shouldShed({ delayMs: 0, inFlight: 3 }, opts)).toBe(true);
  });

  let guard: OverloadGuard | undefined;
  afterEach(() => guard?.close());
  it('counts what it refused', () => {
    guard = new OverloadGuard({ ...opts, sampleMs: 1000 });
    expect(guard.overloaded()).toBe(false);
    guard.inFlight = 3;
    expect(guard.overloaded()).toBe(true);
    expect(guard.overloaded()).toBe(true);
    expect(guard.shed).toBe(2);
  });
  it('notices a blocked event loop within a sample', async () => {
    guard = new OverloadGuard({ maxDelayMs: 50, maxInFlight: 100, sampleMs: 100 });
    await new Promise((r) => setTimeout(r, 50)); // the monitor's own timer is running
    expect(guard.overloaded()).toBe(false);
    const until = Date.now() + 300;
    while (Date.now() < until) {
      /* block the loop, as a saturated server does */
    }
    // The lag shows in the sample that covers it (the first or second one after the block).
    let seen = false;
    for (let i = 0; i < 30 && !seen; i++) {
      await new Promise((r) => setTimeout(r, 10));
      seen = guard.overloaded();
    }
    expect(seen).toBe(true);
  });
});
