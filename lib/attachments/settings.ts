import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { auditedChange, type Actor } from '@/lib/admin/common';
import { DEFAULT_ALLOWED_TYPES, KNOWN_TYPES, type AttachmentPolicy } from './limits';

// The admin section "Attachments": its own settings row, so it never collides with the console's.
export const attachmentSettingsSchema = z.object({
  maxFileSizeMb: z.number().int().min(1).max(100).default(20),
  allowedTypes: z.array(z.enum(KNOWN_TYPES)).max(KNOWN_TYPES.length).default(DEFAULT_ALLOWED_TYPES),
  contactsEnabled: z.boolean().default(true),
});
export type AttachmentSettings = z.infer<typeof attachmentSettingsSchema>;

const KEY = 'attachments';

export function readAttachmentSettings(stored: unknown): AttachmentSettings {
  const parsed = attachmentSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : attachmentSettingsSchema.parse({});
}

export async function attachmentPolicy(): Promise<AttachmentSettings & AttachmentPolicy> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  return readAttachmentSettings(row?.value);
}

export async function saveAttachmentSettings(patch: Partial<AttachmentSettings>): Promise<AttachmentSettings> {
  const next = attachmentSettingsSchema.parse({ ...(await attachmentPolicy()), ...patch });
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: next }, update: { value: next } });
  return next;
}

/** The admin's change, with its audit row, in one transaction. */
export async function updateAttachmentSettings(actor: Actor, input: AttachmentSettings): Promise<AttachmentSettings> {
  const next = attachmentSettingsSchema.parse(input);
  return auditedChange(actor, async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: KEY } });
    const before = readAttachmentSettings(row?.value);
    await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: next }, update: { value: next } });
    return { result: next, audit: { action: 'settings.attachments', target: `settings:${KEY}`, before, after: next } };
  });
}
