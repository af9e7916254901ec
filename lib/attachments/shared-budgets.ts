import 'server-only';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { logger } from '@/lib/log';

/**
 * The upload limits that must hold across app instances, kept in PostgreSQL (every instance sees
 * the same rows), each decided by one short statement or transaction:
 *
 * - bytes per address per hour: a fixed window in the shared RateLimit table (the same rows and
 *   window roll-over as lib/security/rate-limit.ts), counted in KiB. The upsert adds the file only
 *   if the total stays within the budget, under the row's lock, so two instances together never
 *   pass it (exact, not "within a flush interval");
 * - uploads in flight per address: one UploadSlot row per upload being received, counted and
 *   inserted under a per-address advisory lock and deleted when the upload ends. A slot expires
 *   on its own after `slotTtlSec` (an instance that died mid-upload frees its slots then).
 *
 * The per-instance cap on uploads in flight stays in memory (budgets.ts): it protects that
 * process's memory, which is per instance by nature.
 */
export class SharedUploadBudgets {
  constructor(
    private readonly limits: { inFlightPerAddress: number; bytesPerAddressPerHour: number },
    private readonly slotTtlSec = 300,
  ) {}

  /** Takes one of the address's upload slots (shared), or says it has none left. Release it when the upload ends. */
  async begin(address: string): Promise<{ release: () => Promise<void> } | { refused: 'addressBusy' }> {
    const id = randomUUID();
    const taken = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`upload-slot:${address}`}))`;
      const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "UploadSlot" WHERE address = ${address} AND "expiresAt" > now()`;
      if (n >= this.limits.inFlightPerAddress) return false;
      await tx.$executeRaw`
        INSERT INTO "UploadSlot" (id, address, "expiresAt") VALUES (${id}, ${address}, now() + make_interval(secs => ${this.slotTtlSec}))`;
      return true;
    });
    if (!taken) return { refused: 'addressBusy' };
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        // A failed delete costs the address one slot until it expires; it never fails the upload.
        await db.$executeRaw`DELETE FROM "UploadSlot" WHERE id = ${id}`.catch((e: unknown) => logger.warn('upload slot release failed', { error: String(e) }));
      },
    };
  }

  /** Spends `size` bytes of the address's hourly budget; false (nothing spent) when they do not fit. */
  async spend(address: string, size: number): Promise<boolean> {
    const kib = Math.max(1, Math.ceil(size / 1024));
    const limitKib = Math.floor(this.limits.bytesPerAddressPerHour / 1024);
    if (kib > limitKib) return false;
    const rows = await db.$queryRaw<{ count: number }[]>`
      INSERT INTO "RateLimit" (key, count, "windowEnd") VALUES (${`upload-bytes:${address}`}, ${kib}, now() + interval '1 hour')
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN "RateLimit"."windowEnd" <= now() THEN EXCLUDED.count ELSE "RateLimit".count + EXCLUDED.count END,
        "windowEnd" = CASE WHEN "RateLimit"."windowEnd" <= now() THEN EXCLUDED."windowEnd" ELSE "RateLimit"."windowEnd" END
      WHERE "RateLimit"."windowEnd" <= now() OR "RateLimit".count + EXCLUDED.count <= ${limitKib}
      RETURNING count`;
    return rows.length === 1;
  }

  /** Removes slots past their expiry (run by the collector; expired slots already count for nothing). */
  static async sweep(): Promise<number> {
    return db.$executeRaw`DELETE FROM "UploadSlot" WHERE "expiresAt" < now() - interval '1 minute'`;
  }
}
