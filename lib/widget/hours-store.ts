import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { auditedChange, type Actor } from '@/lib/admin/common';
import { DEFAULT_HOURS_CONFIG, decideAvailability, scheduleProblems, type Availability, type HoursConfig } from './availability';
import type { BusinessHours } from './business-hours';
import { businessHoursInputSchema, type BusinessHoursInput } from './offline-schemas';

// The admin section "Business hours": its own settings row, so it never collides with the console's.
const KEY = 'businessHours';

/** A stored value that no longer reads (hand-edited, older shape) falls back to "always open". */
export function readHoursConfig(stored: unknown): HoursConfig {
  const v = (stored && typeof stored === 'object' ? stored : {}) as { offlineWhenNoAgent?: unknown; queues?: unknown };
  const queues: Record<string, BusinessHours> = {};
  if (v.queues && typeof v.queues === 'object') {
    for (const [id, q] of Object.entries(v.queues as Record<string, BusinessHours>)) {
      if (q && typeof q === 'object' && Array.isArray(q.intervals) && Array.isArray(q.holidays) && scheduleProblems([q]).length === 0) queues[id] = q;
    }
  }
  return { offlineWhenNoAgent: typeof v.offlineWhenNoAgent === 'boolean' ? v.offlineWhenNoAgent : DEFAULT_HOURS_CONFIG.offlineWhenNoAgent, queues };
}

// Read at most once a second per process, as the console settings: every chat start asks.
let cached: { at: number; value: Promise<HoursConfig> } | null = null;

export async function hoursConfig(): Promise<HoursConfig> {
  const now = Date.now();
  if (!cached || now - cached.at > 1000) {
    const value = db.setting.findUnique({ where: { key: KEY } }).then((row) => readHoursConfig(row?.value));
    cached = { at: now, value };
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
  }
  return cached.value;
}

/**
 * The admin's change, checked whole (nothing is saved if one queue is wrong), with its audit row.
 * The queues listed get the schedules given; the others keep theirs (so two admins editing
 * different queues, or a test on its own queue, never undo each other).
 */
export async function saveBusinessHours(actor: Actor, raw: BusinessHoursInput): Promise<HoursConfig> {
  const input = businessHoursInputSchema.parse(raw);
  const ids = input.queues.map((q) => q.queueId);
  if (new Set(ids).size !== ids.length) throw new AppError('invalidInput', 'a queue is listed twice');
  const schedules = input.queues.map(({ queueId: _, ...s }) => ({ ...s, holidays: [...s.holidays].sort() }));
  const problems = scheduleProblems(schedules);
  if (problems.length) {
    throw new AppError('invalidInput', problems.map((p) => `queue ${input.queues[p.index]!.queueId}: ${p.codes.join(', ')}`).join('; '));
  }
  const saved = await auditedChange(actor, async (tx) => {
    const known = await tx.queue.count({ where: { id: { in: ids } } });
    if (known !== ids.length) throw new AppError('invalidInput', 'unknown queue');
    // Locks the row (made if missing) so concurrent saves apply one after the other.
    await tx.$executeRaw`INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${KEY}, '{}'::jsonb, now()) ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ value: unknown }[]>`SELECT value FROM "Setting" WHERE key = ${KEY} FOR UPDATE`;
    const before = readHoursConfig(row?.value);
    const next: HoursConfig = {
      offlineWhenNoAgent: input.offlineWhenNoAgent ?? before.offlineWhenNoAgent,
      queues: { ...before.queues, ...Object.fromEntries(ids.map((id, i) => [id, schedules[i]!])) },
    };
    const value = next as unknown as object;
    await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    return { result: next, audit: { action: 'settings.businessHours', target: `settings:${KEY}`, before, after: next } };
  });
  cached = null;
  return saved;
}

/** Staff who could take a chat of this queue and are signed in (any state but Logged out). */
export async function loggedInAgents(queueId: string): Promise<number> {
  const queue = await db.queue.findUnique({ where: { id: queueId }, select: { skillId: true } });
  if (!queue) return 0;
  return db.user.count({
    where: {
      active: true,
      role: { in: ['AGENT', 'SUPERVISOR'] },
      agentStatus: { not: 'LOGGED_OUT' },
      ...(queue.skillId ? { skills: { some: { skillId: queue.skillId } } } : {}),
    },
  });
}

export async function queueAvailability(queueId: string, at = new Date()): Promise<Availability> {
  return decideAvailability(await hoursConfig(), queueId, at, () => loggedInAgents(queueId));
}

/** The queue a contact reaches: by name, else the default one. */
export async function contactQueue(name: string | undefined): Promise<{ id: string; name: string } | null> {
  return name
    ? db.queue.findUnique({ where: { name }, select: { id: true, name: true } })
    : db.queue.findFirst({ where: { isDefault: true }, select: { id: true, name: true } });
}

/** The server's own refusal to start a chat while the queue is offline (the page shows the offline form). */
export async function requireQueueTakesChats(queueId: string): Promise<void> {
  const a = await queueAvailability(queueId);
  if (a === 'closed') throw new AppError('queueOffline', 'the queue is closed (outside business hours): send an offline message instead');
  if (a === 'noAgent') throw new AppError('queueOffline', 'no agent of this queue is logged in: send an offline message instead');
}

/** For tests that write the settings row directly. */
export function forgetCachedHours() {
  cached = null;
}
