import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { auditedChange, type Actor } from '@/lib/admin/common';
import { forgetCachedLifecycleSettings, LIFECYCLE_KEY, lifecycleSettingsSchema, readLifecycleSettings, type LifecycleSettings } from './settings';

/** Saves part of the lifecycle settings under the row's lock, with its audit row (as updateSettings). */
export async function saveLifecycleSettings(actor: Actor, patch: Partial<LifecycleSettings>): Promise<LifecycleSettings> {
  const after = await auditedChange(actor, async (tx) => {
    await tx.$executeRaw`INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${LIFECYCLE_KEY}, '{}'::jsonb, now()) ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ value: unknown }[]>`SELECT value FROM "Setting" WHERE key = ${LIFECYCLE_KEY} FOR UPDATE`;
    const before = readLifecycleSettings(row?.value);
    const next = lifecycleSettingsSchema.parse({ ...before, ...patch });
    await tx.setting.update({ where: { key: LIFECYCLE_KEY }, data: { value: next as Prisma.InputJsonValue } });
    const keys = Object.keys(patch) as (keyof LifecycleSettings)[];
    const pick = (o: LifecycleSettings) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    return { result: next, audit: { action: 'settings.update', target: `settings:${LIFECYCLE_KEY}`, before: pick(before), after: pick(next) } };
  });
  forgetCachedLifecycleSettings();
  return after;
}
