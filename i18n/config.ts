export const locales = ['en', 'fr-CA'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
// Each area keeps its own catalogue file so features don't edit one shared file.
export const namespaces = ['common', 'auth', 'contact', 'agent', 'errors', 'collaboration', 'admin', 'workspace', 'supervisor', 'privacy', 'attachments', 'reports', 'widget', 'lifecycle', 'mail', 'rating', 'offline'] as const;

/** Picks our locale from an Accept-Language header: any French → Canadian French. */
export function matchLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('fr')) return 'fr-CA';
    if (tag.startsWith('en')) return 'en';
  }
  return defaultLocale;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v);
}
