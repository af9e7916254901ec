import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { auditedChange, type Actor } from '@/lib/admin/common';
import { AppError } from '@/lib/errors';
import { newSiteSecret, verifyIdentityHash } from './identity';
import { MAX_ALLOWED_ORIGINS, canonicalOrigin } from './origins';
import { openSecret, sealSecret, sealingKey, type SealedSecret } from './secret-box';

/**
 * The admin section "Website widget" (issue 18): the Allowed origins and the per-site identity
 * secret, each in its own settings row so saving one never overwrites the other. The secret is
 * stored sealed (lib/widget/secret-box.ts) and shown to the admin once, when it is made.
 */
const ORIGINS_KEY = 'widget.origins';
const SECRET_KEY = 'widget.secret';

export const allowedOriginsSchema = z
  .array(z.string().max(300))
  .max(MAX_ALLOWED_ORIGINS)
  .transform((list, ctx) => {
    const out: string[] = [];
    for (const o of list) {
      const c = canonicalOrigin(o);
      if (!c) {
        ctx.addIssue({ code: 'custom', message: 'not an origin' });
        return z.NEVER;
      }
      if (!out.includes(c)) out.push(c);
    }
    return out;
  });

const storedOrigins = z.object({ origins: z.array(z.string()) });
const storedSecret = z.object({ sealed: z.object({ v: z.literal(1), iv: z.string(), tag: z.string(), ct: z.string() }), createdAt: z.string() });

function readOrigins(value: unknown): string[] {
  const p = storedOrigins.safeParse(value);
  return p.success ? p.data.origins.filter((o) => canonicalOrigin(o) === o) : [];
}

// The proxy asks on every /widget request: a short per-process cache, dropped on save (other
// instances see a change within the TTL).
const TTL_MS = 5_000;
const cache = globalThis as unknown as { widgetOriginsCache?: { origins: string[]; at: number } };

export async function widgetAllowedOrigins(): Promise<string[]> {
  const hit = cache.widgetOriginsCache;
  if (hit && Date.now() - hit.at < TTL_MS) return hit.origins;
  const row = await db.setting.findUnique({ where: { key: ORIGINS_KEY } });
  const origins = readOrigins(row?.value);
  cache.widgetOriginsCache = { origins, at: Date.now() };
  return origins;
}

export interface WidgetAdminView {
  allowedOrigins: string[];
  /** When the current secret was made; null if none yet. The secret itself is never read back. */
  secretCreatedAt: string | null;
}

export async function widgetAdminView(): Promise<WidgetAdminView> {
  const [o, s] = await Promise.all([db.setting.findUnique({ where: { key: ORIGINS_KEY } }), db.setting.findUnique({ where: { key: SECRET_KEY } })]);
  const secret = storedSecret.safeParse(s?.value);
  return { allowedOrigins: readOrigins(o?.value), secretCreatedAt: secret.success ? secret.data.createdAt : null };
}

export async function saveAllowedOrigins(actor: Actor, input: unknown): Promise<string[]> {
  const parsed = allowedOriginsSchema.safeParse(input);
  if (!parsed.success) throw new AppError('invalidInput', 'not an origin');
  const origins = parsed.data;
  const saved = await auditedChange(actor, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ORIGINS_KEY}))`;
    const row = await tx.setting.findUnique({ where: { key: ORIGINS_KEY } });
    const value = { origins };
    await tx.setting.upsert({ where: { key: ORIGINS_KEY }, create: { key: ORIGINS_KEY, value }, update: { value } });
    return { result: origins, audit: { action: 'settings.widget.origins', target: `settings:${ORIGINS_KEY}`, before: { origins: readOrigins(row?.value) }, after: value } };
  });
  cache.widgetOriginsCache = undefined;
  return saved;
}

/** Makes (or replaces) the site secret; answers it in clear this once. The audit row never holds it. */
export async function rotateSiteSecret(actor: Actor): Promise<{ secret: string; createdAt: string }> {
  const secret = newSiteSecret();
  const createdAt = new Date().toISOString();
  const value = { sealed: sealSecret(sealingKey(env.NEXTAUTH_SECRET), secret), createdAt };
  await auditedChange(actor, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${SECRET_KEY}))`;
    const row = await tx.setting.findUnique({ where: { key: SECRET_KEY } });
    const before = storedSecret.safeParse(row?.value);
    await tx.setting.upsert({ where: { key: SECRET_KEY }, create: { key: SECRET_KEY, value }, update: { value } });
    return {
      result: null,
      audit: {
        action: 'settings.widget.secret',
        target: `settings:${SECRET_KEY}`,
        before: { createdAt: before.success ? before.data.createdAt : null },
        after: { createdAt },
      },
    };
  });
  return { secret, createdAt };
}

async function siteSecret(): Promise<string | null> {
  const row = await db.setting.findUnique({ where: { key: SECRET_KEY } });
  const p = storedSecret.safeParse(row?.value);
  return p.success ? openSecret(sealingKey(env.NEXTAUTH_SECRET), p.data.sealed as SealedSecret) : null;
}

/** identify({email, hash}): true only when a site secret exists and the hash is its HMAC of this email. */
export async function isVerifiedIdentity(email: string | undefined, hash: string | undefined): Promise<boolean> {
  if (!email || !hash) return false;
  return verifyIdentityHash(await siteSecret(), email, hash);
}
