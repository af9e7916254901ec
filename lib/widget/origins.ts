/**
 * The admin's Allowed origins for the website widget (issue 18): who may frame /widget
 * (Content-Security-Policy frame-ancestors) and whose postMessage the embedded chat hears.
 * Pure rules; lib/widget/settings.ts stores them.
 */

export const MAX_ALLOWED_ORIGINS = 50;

/**
 * An origin is scheme://host[:port] and nothing else: http or https, no path, query, fragment,
 * credentials or wildcard. Answers the canonical form (lower-case host, default port dropped),
 * or null.
 */
export function canonicalOrigin(text: string): string | null {
  const s = text.trim();
  if (!/^https?:\/\/[^/?#\s*@]+\/?$/i.test(s)) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (url.username || url.password || !url.hostname) return null;
  return url.origin;
}

/** One origin per line (blank lines ignored): the canonical, de-duplicated list, or the lines that are not origins. */
export function parseAllowedOrigins(text: string): { ok: true; origins: string[] } | { ok: false; invalid: string[] } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const invalid = lines.filter((l) => canonicalOrigin(l) === null);
  if (invalid.length) return { ok: false, invalid };
  const origins = [...new Set(lines.map((l) => canonicalOrigin(l)!))];
  if (origins.length > MAX_ALLOWED_ORIGINS) return { ok: false, invalid: origins.slice(MAX_ALLOWED_ORIGINS) };
  return { ok: true, origins };
}

/** The frame-ancestors source list for the widget page: the allowed origins, or 'none' without any. */
export function frameAncestors(origins: readonly string[]): string[] {
  const safe = origins.filter((o) => canonicalOrigin(o) === o);
  return safe.length ? safe : ["'none'"];
}

/**
 * The origin of the page embedding the widget, if it is allowed: the browser's own
 * location.ancestorOrigins first (Chromium, WebKit), else the referrer's origin. frame-ancestors
 * already refuses any other embedder; this makes the iframe address its postMessage to exactly
 * that origin, never '*'.
 */
export function embeddingOrigin(opts: { ancestorOrigins?: readonly string[]; referrer?: string; allowed: readonly string[] }): string | null {
  let candidate: string | null = opts.ancestorOrigins?.[0] ?? null;
  if (!candidate && opts.referrer) {
    try {
      candidate = new URL(opts.referrer).origin;
    } catch {
      candidate = null;
    }
  }
  return candidate && opts.allowed.includes(candidate) ? candidate : null;
}

/** The embedded chat's page: the one page that may be framed (by the allowed origins only). */
export const WIDGET_PAGE = '/widget';
