'use server';

import { z } from 'zod';
import { adminAction } from '@/lib/safe-action';
import { eraseContact, searchContacts } from '@/lib/lifecycle/contact-rights';
import { purgeDryRun, purgeNow } from '@/lib/lifecycle/purge';
import { saveLifecycleSettings } from '@/lib/lifecycle/settings-admin';
import { lifecycleSettingsSchema } from '@/lib/lifecycle/settings';
import { contactSearchSchema, recordIdSchema } from '@/lib/lifecycle/input';

// Issue 22: admins only (adminAction); each action validates and calls one domain function.

const contactId = z.object({ contactId: recordIdSchema });

export const searchContactsAction = adminAction
  .metadata({ name: 'admin.searchContacts' })
  .inputSchema(contactSearchSchema)
  .action(async ({ parsedInput }) => searchContacts(parsedInput.query));

export const eraseContactAction = adminAction
  .metadata({ name: 'admin.eraseContact' })
  .inputSchema(contactId)
  .action(async ({ parsedInput, ctx }) => eraseContact(ctx.user, parsedInput.contactId));

export const saveLifecycleSettingsAction = adminAction
  .metadata({ name: 'admin.saveLifecycleSettings' })
  .inputSchema(lifecycleSettingsSchema.partial())
  .action(async ({ parsedInput, ctx }) => saveLifecycleSettings(ctx.user, parsedInput));

export const purgeDryRunAction = adminAction
  .metadata({ name: 'admin.purgeDryRun' })
  .inputSchema(z.object({}))
  .action(async () => purgeDryRun());

export const purgeNowAction = adminAction
  .metadata({ name: 'admin.purgeNow' })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => purgeNow({ actorId: ctx.user.id }));
