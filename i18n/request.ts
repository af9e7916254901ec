import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, matchLocale, namespaces, type Locale } from './config';

export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get('NEXT_LOCALE')?.value;
  if (isLocale(chosen)) return chosen;
  return matchLocale((await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const parts = await Promise.all(namespaces.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const));
  // Server-rendered times use UTC; the browser re-renders them in its own zone (IntlProvider).
  return { locale, messages: Object.fromEntries(parts), timeZone: 'UTC' };
});
