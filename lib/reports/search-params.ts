// Transcript search filters as they travel in the page's and the route's query string (issue 20).
import { z } from 'zod';
import { rangeOf } from './intervals';
import { timeZoneSchema } from '@/lib/time-zone';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
// Record ids only (cuid-like): anything else is dropped before it reaches SQL.
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined);

export const SEARCH_MAX = 200;
export const SEARCH_LIMIT = 50;

// Control characters (NUL cannot even be stored in a PostgreSQL text) read as spaces.
const words = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim())
    .pipe(z.string().max(max))
    .optional()
    .catch(undefined);

export const searchParamsSchema = z.object({
  q: words(SEARCH_MAX),
  from: day,
  to: day,
  queue: id,
  agent: id,
  disposition: id,
  contact: words(100),
  tz: timeZoneSchema.optional().catch(undefined),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

export interface SearchFilter {
  /** The words typed (websearch syntax: "a phrase", or, -not). */
  q: string;
  /** Chats that entered a queue in [from, to). */
  from?: Date;
  to?: Date;
  queueId?: string;
  agentId?: string;
  dispositionId?: string;
  /** Part of the contact's name, case-insensitive. */
  contact?: string;
}

/** The search of a request; days are wall-clock days in the supervisor's zone, else the admin default. */
export function resolveSearch(raw: Record<string, string | string[] | undefined>, now: Date, defaultZone: string) {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const parsed = searchParamsSchema.safeParse(flat);
  const p = parsed.success ? parsed.data : searchParamsSchema.parse({});
  const timeZone = p.tz ?? defaultZone;
  const dayRange = (d: string) => rangeOf('custom', now, timeZone, { from: d, to: d });
  const filter: SearchFilter = {
    q: p.q ?? '',
    from: p.from ? dayRange(p.from).from : undefined,
    to: p.to ? dayRange(p.to).to : undefined,
    queueId: p.queue,
    agentId: p.agent,
    dispositionId: p.disposition,
    contact: p.contact || undefined,
  };
  return { params: p, timeZone, filter };
}

/** LIKE pattern for "contains", with the pattern characters taken literally. */
export function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
