// Issue 7, abuse resistance, against real PostgreSQL: expired rate-limit rows are swept; a client
// forging X-Forwarded-For cannot spend the global start budget; sign-in is throttled per
// (email, address) and per address with back-off, and a stranger cannot lock someone else out.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, resetDb } from '@/test/db';

type Db = Awaited<ReturnType<typeof getDb>>;
let db: Db;
let rateLimit: typeof import('./rate-limit');
let contactApi: typeof import('@/lib/interactions/contact/contact-api');
let throttle: typeof import('@/lib/auth/login-throttle');
let policy: typeof import('@/lib/auth/login-policy');
let env: typeof import('@/lib/env').env;
let PEER: string;

beforeAll(async () => {
  db = await getDb();
  rateLimit = await import('./rate-limit');
  contactApi = await import('@/lib/interactions/contact/contact-api');
  throttle = await import('@/lib/auth/login-throttle');
  policy = await import('@/lib/auth/login-policy');
  env = (await import('@/lib/env')).env;
  PEER = (await import('./http-server-hooks')).PEER_ADDRESS_HEADER;
});
beforeEach(async () => {
  await resetDb();
});

const count = async (key: string) => (await db.rateLimit.findUnique({ where: { key } }))?.count ?? 0;
/** Makes the row's last failure `secondsAgo` in the past (windowEnd = last failure + window). */
async function age(key: string, secondsAgo: number, windowSec: number) {
  await db.$executeRaw`UPDATE "RateLimit" SET "windowEnd" = now() - make_interval(secs => ${secondsAgo}) + make_interval(secs => ${windowSec}) WHERE key = ${key}`;
}

describe('expired windows are swept', () => {
  it('deletes rows whose window ended (past the grace), keeps the live ones', async () => {
    await rateLimit.rateLimit('live', 10, 60);
    await db.rateLimit.createMany({
      data: [
        { key: 'old', count: 3, windowEnd: new Date(Date.now() - 10 * 60_000) },
        { key: 'just-ended', count: 3, windowEnd: new Date(Date.now() - 5_000) },
      ],
    });
    const deleted = await rateLimit.sweepRateLimits(60);
    expect(deleted).toBe(1);
    expect((await db.rateLimit.findMany({ orderBy: { key: 'asc' } })).map((r) => r.key)).toEqual(['just-ended', 'live']);
  });
});

describe('chat starts: per-source limits bite before the global one', () => {
  it('without TRUST_PROXY, a client forging a new X-Forwarded-For per request gets its own budget only, and the global budget is barely touched', async () => {
    expect(env.TRUST_PROXY).toBe(false);
    const limit = env.RATE_LIMIT_START_PER_MINUTE;
    const attempts = limit * 5;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) =>
        contactApi.startGate(
          new Request('http://app/api/v1/chats', {
            method: 'POST',
            // What the HTTP server hooks stamp (the socket's address) + what the client forged.
            headers: { [PEER]: '203.0.113.7', 'x-forwarded-for': `198.51.100.${i % 250}, 10.0.${i}.1` },
          }),
        ),
      ),
    );
    const passed = results.filter((r) => r.status === 'fulfilled').length;
    expect(passed).toBe(limit);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('rateLimited');
    // Refused starts never counted against everyone's budget.
    expect(await count('start:all')).toBe(limit);
    // Another source still starts.
    await expect(contactApi.startGate(new Request('http://app/', { method: 'POST', headers: { [PEER]: '203.0.113.8' } }))).resolves.toBeUndefined();
  });
});

describe('sign-in throttling', () => {
  const email = 'agent1@example.com';

  it('after the free failures, a pair backs off exponentially; the wait ends and the next failure doubles it', async () => {
    const { LOGIN_PAIR, loginBudgets } = policy;
    const [pair] = loginBudgets(email, '198.51.100.1');
    for (let i = 0; i < LOGIN_PAIR.free; i++) expect((await throttle.claimLoginAttempt(email, '198.51.100.1')).ok).toBe(true);
    // The 6th try right away: backing off (30 s after the 5th failure).
    expect((await throttle.claimLoginAttempt(email, '198.51.100.1')).ok).toBe(false);
    expect(await count(pair.key)).toBe(LOGIN_PAIR.free);
    await age(pair.key, 25, LOGIN_PAIR.windowSec);
    expect((await throttle.claimLoginAttempt(email, '198.51.100.1')).ok).toBe(false);
    // Once the back-off has passed, one more try…
    await age(pair.key, 31, LOGIN_PAIR.windowSec);
    expect((await throttle.claimLoginAttempt(email, '198.51.100.1')).ok).toBe(true);
    // …then the wait doubles: 45 s later still refused, 61 s later allowed.
    await age(pair.key, 45, LOGIN_PAIR.windowSec);
    expect((await throttle.claimLoginAttempt(email, '198.51.100.1')).ok).toBe(false);
    await age(pair.key, 61, LOGIN_PAIR.windowSec);
    expect((await throttle.claimLoginAttempt(email, '198.51.100.1')).ok).toBe(true);
  });

  it('a parallel burst of guesses gets no more tries than the free ones', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => throttle.claimLoginAttempt(email, '198.51.100.2')));
    expect(results.filter((r) => r.ok).length).toBe(policy.LOGIN_PAIR.free);
  });

  it("a stranger's failures never lock the owner out from their own address", async () => {
    for (let i = 0; i < 50; i++) await throttle.claimLoginAttempt(email, '198.51.100.66');
    expect((await throttle.claimLoginAttempt(email, '198.51.100.66')).ok).toBe(false);
    const owner = await throttle.claimLoginAttempt(email, '192.0.2.10');
    expect(owner.ok).toBe(true);
    // Nothing is keyed by the email alone.
    expect(await db.rateLimit.count({ where: { key: { contains: email }, NOT: { key: { contains: '|' } } } })).toBe(0);
  });

  it('a success clears the pair and does not count against the address', async () => {
    const [pair, perAddress] = policy.loginBudgets(email, '198.51.100.3');
    for (let i = 0; i < 3; i++) await throttle.claimLoginAttempt(email, '198.51.100.3');
    const ok = await throttle.claimLoginAttempt(email, '198.51.100.3');
    expect(ok.ok).toBe(true);
    if (ok.ok) await ok.release();
    expect(await count(pair.key)).toBe(0);
    expect(await count(perAddress.key)).toBe(3);
  });

  it('one address spraying many emails backs off as a whole', async () => {
    const { LOGIN_ADDRESS } = policy;
    for (let i = 0; i < LOGIN_ADDRESS.free; i++) expect((await throttle.claimLoginAttempt(`user${i}@example.com`, '198.51.100.4')).ok).toBe(true);
    expect((await throttle.claimLoginAttempt('fresh@example.com', '198.51.100.4')).ok).toBe(false);
    // Other addresses are untouched.
    expect((await throttle.claimLoginAttempt('fresh@example.com', '198.51.100.5')).ok).toBe(true);
  });
});
