import { z } from 'zod';

// Admin input for the data lifecycle (issue 22). PostgreSQL refuses NUL bytes and lone surrogates
// (in text and in jsonb), so such text is refused here with a clear error, never reaching a query.

/** No control characters, no lone surrogates. */
export function cleanText(s: string): boolean {
  return !/[\u0000-\u001F\u007F]/.test(s) && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** A record id (cuid and the like). */
export const recordIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid');

/** The text typed in "Search contacts". */
export const contactSearchSchema = z.object({ query: z.string().max(200).refine(cleanText, 'invalidText') });
