// A15: standard responses carry placeholders, filled from the chat when the agent inserts one.
// Pure, so the composer and tests use the same expansion.

export const PLACEHOLDERS = ['contact.firstName', 'contact.name', 'agent.nickname', 'chat.subject', 'queue.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | null | undefined>>;

/** The first word of a name, for greetings ("Dana" of "Dana Smith"). */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/**
 * Replaces every `{placeholder}` with its value. A known placeholder without a value, and any
 * unknown `{…}`, is left as written so the agent sees it in the composer and edits it before
 * sending (the text is never sent as is). `{{` and `}}` write literal braces.
 */
export function expandPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(/\{\{|\}\}|\{\s*([a-zA-Z]+\.[a-zA-Z]+)\s*\}/g, (match, key: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (!key || !(PLACEHOLDERS as readonly string[]).includes(key)) return match;
    const value = values[key as Placeholder];
    return value && value.trim() ? value.trim() : match;
  });
}

/** Placeholders a template uses that are not known (to warn the admin who writes it). */
export function unknownPlaceholders(template: string): string[] {
  const found = new Set<string>();
  for (const m of template.replaceAll('{{', '').replaceAll('}}', '').matchAll(/\{\s*([^{}]*?)\s*\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) found.add(m[1]!);
  }
  return [...found];
}

/**
 * The composer's search over standard responses: every word typed must appear (anywhere, any
 * case, accents ignored) in the shortcut, title or text. 1 = shown, 0 = hidden (cmdk's filter).
 */
export function responseMatches(value: string, search: string, keywords: readonly string[] = []): number {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold([value, ...keywords].join(' '));
  const words = fold(search).replace(/^\//, '').split(/\s+/).filter(Boolean);
  return words.every((w) => haystack.includes(w)) ? 1 : 0;
}
