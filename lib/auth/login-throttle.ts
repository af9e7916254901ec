import 'server-only';
import { db } from '@/lib/db';
import { loginBudgets, type LoginBudget } from './login-policy';

/**
 * Sign-in throttling kept in the RateLimit table (shared by every app instance, swept like the
 * other counters). One row per budget: `count` = failures in a row, `windowEnd` = last failure +
 * the budget's window, so the last failure's time is `windowEnd - window`.
 *
 * An attempt is *claimed* before the password is checked — counted as a failure up front, in one
 * statement that refuses while the budget is backing off — so a burst of parallel guesses gets no
 * more tries than a sequence would; a correct password then takes the claim back.
 */
async function claim(b: LoginBudget): Promise<boolean> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" (key, count, "windowEnd") VALUES (${b.key}, 1, now() + make_interval(secs => ${b.windowSec}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimit"."windowEnd" <= now() THEN 1 ELSE "RateLimit".count + 1 END,
      "windowEnd" = now() + make_interval(secs => ${b.windowSec})
    WHERE NOT (
      "RateLimit"."windowEnd" > now() AND "RateLimit".count >= ${b.free}
      AND now() < "RateLimit"."windowEnd" - make_interval(secs => ${b.windowSec})
                  + make_interval(secs => LEAST(${b.maxBackoffSec}::float8, ${b.baseBackoffSec}::float8 * power(2, "RateLimit".count - ${b.free})::float8))
    )
    RETURNING count`;
  return rows.length > 0;
}

export type LoginClaim = { ok: true; release: () => Promise<void> } | { ok: false };

/**
 * Claims a sign-in attempt for this email from this address: refused while the pair, or the
 * address as a whole, is backing off. Nothing is keyed by the email alone, so however many
 * wrong passwords a stranger tries from their address, the account's owner signs in from theirs.
 */
export async function claimLoginAttempt(email: string, address: string): Promise<LoginClaim> {
  const [pair, perAddress] = loginBudgets(email, address);
  if (!(await claim(pair))) return { ok: false };
  if (!(await claim(perAddress))) return { ok: false };
  return {
    ok: true,
    // Signed in: the pair starts afresh; the address's claim is taken back (a success is not a failure).
    release: async () => {
      await db.$executeRaw`DELETE FROM "RateLimit" WHERE key = ${pair.key}`;
      await db.$executeRaw`UPDATE "RateLimit" SET count = GREATEST(count - 1, 0) WHERE key = ${perAddress.key}`;
    },
  };
}
