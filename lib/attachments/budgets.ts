// Abuse limits on uploads, counted in this process: uploads in flight (per instance and per
// address) and bytes per address per hour. Pure bookkeeping, unit-tested; the per-chat budget is
// counted from the database (attachments.ts).

export class UploadBudgets {
  private inFlight = 0;
  private readonly perAddress = new Map<string, number>();
  private readonly bytes = new Map<string, { windowStart: number; used: number }>();

  constructor(private readonly limits: { inFlight: number; inFlightPerAddress: number; bytesPerAddressPerHour: number }, private readonly now: () => number = Date.now) {}

  /** Takes a slot for one upload, or says why not. Release it with the returned function. */
  begin(address: string): { release: () => void } | { refused: 'busy' | 'addressBusy' } {
    if (this.inFlight >= this.limits.inFlight) return { refused: 'busy' };
    const mine = this.perAddress.get(address) ?? 0;
    if (mine >= this.limits.inFlightPerAddress) return { refused: 'addressBusy' };
    this.inFlight++;
    this.perAddress.set(address, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        const n = (this.perAddress.get(address) ?? 1) - 1;
        if (n <= 0) this.perAddress.delete(address);
        else this.perAddress.set(address, n);
      },
    };
  }

  /** Spends bytes of the address's hourly budget; false (nothing spent) when they do not fit. */
  spend(address: string, size: number): boolean {
    const now = this.now();
    let b = this.bytes.get(address);
    if (!b || now - b.windowStart >= 3_600_000) b = { windowStart: now, used: 0 };
    if (b.used + size > this.limits.bytesPerAddressPerHour) {
      this.bytes.set(address, b);
      return false;
    }
    b.used += size;
    this.bytes.set(address, b);
    return true;
  }

  get uploadsInFlight() {
    return this.inFlight;
  }
}
