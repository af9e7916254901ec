import 'server-only';
import { db } from '@/lib/db';
import { registeredPurgers } from './purge';
import { getLifecycleSettings, forgetCachedLifecycleSettings, type LifecycleSettings } from './settings';

export interface RetentionAdminView {
  settings: LifecycleSettings;
  /** Queues (id, name) for the per-queue transcript overrides. */
  queues: { id: string; name: string }[];
  /** The kinds whose purger is registered: the section shows a kind's field only when it is. */
  kinds: string[];
}

/** What the admin section "Data retention" shows (fresh, not the one-second cache). */
export async function retentionAdminView(): Promise<RetentionAdminView> {
  forgetCachedLifecycleSettings();
  const [settings, queues] = await Promise.all([getLifecycleSettings(), db.queue.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } })]);
  return { settings, queues, kinds: registeredPurgers().map((p) => p.kind) };
}
