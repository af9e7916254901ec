/**
 * At most one run at a time, and at most one waiting behind it. A caller arriving while a run is
 * in progress cannot know whether that run saw its change (a routing pass may have read the
 * queue before the caller's chat was stored), so it gets the NEXT run; every caller arriving
 * meanwhile shares that same next run, and their options are merged. So N callers during one
 * run cost one more run, not N (a burst of chat starts is one routing pass, not one each).
 */
export function singleFlight<O, R>(run: (opts: O) => Promise<R>, merge: (a: O, b: O) => O): (opts: O) => Promise<R> {
  let running: Promise<R> | null = null;
  let next: { opts: O; promise: Promise<R> } | null = null;

  const start = (opts: O): Promise<R> => {
    const p: Promise<R> = run(opts).finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };

  return (opts: O) => {
    if (next) {
      next.opts = merge(next.opts, opts);
      return next.promise;
    }
    if (!running) return start(opts);
    const queued: { opts: O; promise: Promise<R> } = {
      opts,
      promise: running
        .catch(() => undefined)
        .then(() => {
          next = null;
          return start(queued.opts);
        }),
    };
    next = queued;
    return queued.promise;
  };
}
