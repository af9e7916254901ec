// The report filters as they travel in the page's and the export's query string (issue 20).
import { z } from 'zod';
import { INTERVALS, PRESETS, rangeOf } from './intervals';
import { timeZoneSchema } from '@/lib/time-zone';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// Record ids only (cuid-like): anything else is dropped before it reaches SQL.
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined);

export const reportParamsSchema = z
  .object({
    range: z.enum(PRESETS).catch('today'),
    from: day.optional().catch(undefined),
    to: day.optional().catch(undefined),
    interval: z.enum(INTERVALS).catch('hour'),
    queue: id,
    group: id,
    agent: id,
    disposition: id,
    tz: timeZoneSchema.optional().catch(undefined),
  })
  .transform((p) => (p.range === 'custom' && !(p.from && p.to && p.from <= p.to) ? { ...p, range: 'today' as const } : p));
export type ReportParams = z.infer<typeof reportParamsSchema>;

/** The period and filters of a request; the zone is the supervisor's, else the admin default. */
export function resolveParams(raw: Record<string, string | string[] | undefined>, now: Date, defaultZone: string) {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const parsed = reportParamsSchema.safeParse(flat);
  const p = parsed.success ? parsed.data : reportParamsSchema.parse({});
  const timeZone = p.tz ?? defaultZone;
  const { from, to } = rangeOf(p.range, now, timeZone, p.from && p.to ? { from: p.from, to: p.to } : undefined);
  return { params: p, timeZone, filter: { from, to, queueId: p.queue, groupId: p.group, agentId: p.agent, dispositionId: p.disposition } };
}
