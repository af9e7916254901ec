import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { patternProblem, PATTERN_MAX_LENGTH } from '@/lib/privacy/card-mask';
import { cleanText, recordIdSchema } from './input';

// Data lifecycle settings (issue 22): card masking and retention. Their own Setting row
// ('lifecycle') beside the console's, read through a one-second cache like getSettings().

const days = z.number().int().min(0).max(36_500);

export const extraPatternSchema = z
  .object({
    name: z.string().trim().min(1).max(60).refine(cleanText, 'invalidText'),
    pattern: z.string().min(1).max(PATTERN_MAX_LENGTH).refine(cleanText, 'invalidText'),
    example: z.string().min(1).max(200).refine(cleanText, 'invalidText'),
  })
  .superRefine((p, ctx) => {
    const problem = patternProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['pattern'] });
  });

export const lifecycleSettingsSchema = z.object({
  /** "Mask card numbers": on by default. */
  maskCards: z.boolean().default(true),
  extraPatterns: z.array(extraPatternSchema).max(20).default([]),
  /** Days to keep; 0 = forever. */
  keepTranscriptsDays: days.default(0),
  keepAuditDays: days.default(0),
  /** Shown only when the attachments purger is registered. */
  keepAttachmentsDays: days.default(0),
  /** Shown only when the offline-messages purger is registered. */
  keepOfflineMessagesDays: days.default(0),
  /** Queue id → days to keep that queue's transcripts (overrides keepTranscriptsDays; 0 = forever). */
  queueTranscriptDays: z.record(recordIdSchema, days).default({}),
});
export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;

export const LIFECYCLE_KEY = 'lifecycle';

/** One bad stored value falls back to its default, never taking the others with it. */
export function readLifecycleSettings(stored: unknown): LifecycleSettings {
  const values = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...lifecycleSettingsSchema.parse({}) };
  for (const [key, field] of Object.entries(lifecycleSettingsSchema.shape)) {
    const parsed = field.safeParse(values[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as LifecycleSettings;
}

const TTL_MS = 1000;
let cached: { at: number; value: Promise<LifecycleSettings> } | null = null;

export async function getLifecycleSettings(): Promise<LifecycleSettings> {
  const now = Date.now();
  if (!cached || now - cached.at > TTL_MS) {
    const value = db.setting.findUnique({ where: { key: LIFECYCLE_KEY } }).then((row) => readLifecycleSettings(row?.value));
    cached = { at: now, value };
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
  }
  return cached.value;
}

export function forgetCachedLifecycleSettings() {
  cached = null;
}
