// The cap on uploads in flight in THIS process (ATTACHMENT_UPLOADS_IN_FLIGHT): an upload's body is
// held in this process's memory while it is read, so the cap is per instance by nature. The limits
// that must hold across instances (uploads in flight and bytes per address) are counted in
// PostgreSQL (shared-budgets.ts); the per-chat byte budget is counted from the database
// (attachments.ts). Pure bookkeeping, unit-tested.

export class UploadBudgets {
  private inFlight = 0;

  constructor(private readonly limits: { inFlight: number }) {}

  /** Takes a slot for one upload, or says why not. Release it with the returned function (once). */
  begin(): { release: () => void } | { refused: 'busy' } {
    if (this.inFlight >= this.limits.inFlight) return { refused: 'busy' };
    this.inFlight++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
      },
    };
  }

  get uploadsInFlight() {
    return this.inFlight;
  }
}
