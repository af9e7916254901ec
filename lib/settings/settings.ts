import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { NICKNAME_POLICIES } from '@/lib/directory/nickname';
import { isTimeZone } from '@/lib/time-zone';

// Admin settings (M1–M3). Read from the database on every use so changes apply live on
// every app instance without restart.
export const settingsSchema = z.object({
  pendingYellowSec: z.number().int().min(1).max(3600).default(30),
  pendingRedSec: z.number().int().min(1).max(7200).default(60),
  // Routing offers (R2).
  invitationTimeoutSec: z.number().int().min(5).max(600).default(20),
  // Instant transfer (T2) and conference (T3) invitations, and consultation requests (T4).
  transferTimeoutSec: z.number().int().min(5).max(600).default(30),
  conferenceTimeoutSec: z.number().int().min(5).max(600).default(30),
  consultTimeoutSec: z.number().int().min(5).max(600).default(30),
  // How long a typing notice shows without a new keystroke.
  typingTimeoutSec: z.number().int().min(2).max(60).default(6),
  // Supervisor queue figures (S3): the share of chats accepted within this many seconds.
  serviceLevelSec: z.number().int().min(1).max(3600).default(30),
  // How long an agent who rejected a chat is skipped for it, so a lone agent is not re-offered at once.
  rejectCooldownSec: z.number().int().min(0).max(3600).default(60),
  nicknamePolicy: z.enum(NICKNAME_POLICIES).default('personal-group-name'),
  dispositionRequired: z.boolean().default(false),
  monitoringVisible: z.boolean().default(false),
  // Reports (issue 20): the time zone reports use when the supervisor's browser gives none.
  reportsTimeZone: z.string().min(1).max(64).refine(isTimeZone).default('America/Toronto'),
  // widget-mail (issue 18): ask the contact "How was your chat?" at the end.
  ratingEnabled: z.boolean().default(true),
});
export type Settings = z.infer<typeof settingsSchema>;

const KEY = 'console';

// Read at most once a second per process: every message needs them, and a change still
// reaches every instance within a second ("applies live").
const TTL_MS = 1000;
let cached: { at: number; value: Promise<Settings> } | null = null;

export async function getSettings(): Promise<Settings> {
  const now = Date.now();
  if (!cached || now - cached.at > TTL_MS) {
    const value = db.setting.findUnique({ where: { key: KEY } }).then((row) => readSettings(row?.value));
    cached = { at: now, value };
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
  }
  return cached.value;
}

/** One bad stored value falls back to its own default, never taking the others with it. */
export function readSettings(stored: unknown): Settings {
  const values = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const defaults = settingsSchema.parse({});
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    const parsed = field.safeParse(values[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Settings;
}

/** For tests that write the settings row directly. */
export function forgetCachedSettings() {
  cached = null;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const merged = settingsSchema.parse({ ...(await getSettings()), ...patch });
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: merged }, update: { value: merged } });
  cached = null;
  return merged;
}
