import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Load shedding for the fast lane. When the event loop falls behind (its delay over the last
 * sample passes `maxDelayMs`) or too many requests are in flight, new hot requests are answered
 * at once with 503 and `Retry-After`, so clients back off and retry (with the same client id:
 * nothing is lost or doubled) instead of queueing until their connection times out.
 */
export interface OverloadOptions {
  maxDelayMs: number;
  maxInFlight: number;
  sampleMs: number;
}

export function shouldShed(state: { delayMs: number; inFlight: number }, opts: Pick<OverloadOptions, 'maxDelayMs' | 'maxInFlight'>): boolean {
  return state.delayMs > opts.maxDelayMs || state.inFlight >= opts.maxInFlight;
}

export class OverloadGuard {
  private readonly histogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly timer: NodeJS.Timeout;
  private delayMs = 0;
  inFlight = 0;
  shed = 0;

  constructor(private readonly opts: OverloadOptions) {
    this.histogram.enable();
    this.timer = setInterval(() => {
      // p99 of the loop's delay over the last sample (ns → ms): a sustained lag, not one GC pause.
      this.delayMs = this.histogram.count > 0 ? this.histogram.percentile(99) / 1e6 : 0;
      this.histogram.reset();
    }, opts.sampleMs);
    this.timer.unref();
  }

  /** True when a new request should be refused now. */
  overloaded(): boolean {
    const refuse = shouldShed({ delayMs: this.delayMs, inFlight: this.inFlight }, this.opts);
    if (refuse) this.shed++;
    return refuse;
  }

  close() {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
