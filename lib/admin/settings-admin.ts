import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { forgetCachedSettings, getSettings, readSettings, settingsSchema, type Settings } from '@/lib/settings/settings';
import { auditedChange, type Actor } from './common';
import { announceConfig } from './config-events';

const KEY = 'console'; // lib/settings/settings.ts

export async function readAdminSettings(): Promise<Settings> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  return readSettings(row?.value);
}

/**
 * Applies a partial change to the admin settings (M1–M3) under the settings row's lock: two
 * admins saving at once are applied in turn, each patch on top of the other (last write wins per
 * field), and each audit row shows exactly what that save replaced. Open agent views are told.
 */
export async function updateSettings(actor: Actor, patch: Partial<Settings>): Promise<Settings> {
  const keys = Object.keys(patch) as (keyof Settings)[];
  const after = await auditedChange(actor, async (tx) => {
    await tx.$executeRaw`INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${KEY}, '{}'::jsonb, now()) ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ value: unknown }[]>`SELECT value FROM "Setting" WHERE key = ${KEY} FOR UPDATE`;
    const before = readSettings(row?.value);
    const next = settingsSchema.parse({ ...before, ...patch });
    await tx.setting.update({ where: { key: KEY }, data: { value: next as Prisma.InputJsonValue } });
    return {
      result: next,
      audit: { action: 'settings.update', target: `settings:${KEY}`, before: pick(before, keys), after: pick(next, keys) },
    };
  });
  forgetCachedSettings();
  await announceConfig(after);
  return after;
}

/** After a change other views read through the workspace (disposition codes), announce it too. */
export async function announceCurrentConfig(): Promise<void> {
  await announceConfig(await getSettings());
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;
}
