'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { actionClient } from '@/lib/safe-action';
import { LOCALE_COOKIE, locales } from '@/i18n/config';

export const setLocaleAction = actionClient.metadata({ name: 'setLocale' }).inputSchema(z.object({ locale: z.enum(locales) })).action(async ({ parsedInput }) => {
  (await cookies()).set(LOCALE_COOKIE, parsedInput.locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  return { locale: parsedInput.locale };
});
