// Issue 20: the admin's default time zone for reports (settings `reportsTimeZone`), used when the
// supervisor's browser sends none. Pure: the input rule and the choices the admin page offers.
import { z } from 'zod';
import { isTimeZone, timeZoneSchema } from '@/lib/time-zone';

/** What the admin form sends: one IANA zone this runtime knows, nothing else. */
export const reportsZoneSchema = z.strictObject({ reportsTimeZone: timeZoneSchema });
export type ReportsZoneInput = z.infer<typeof reportsZoneSchema>;

/**
 * The zones the select offers: every zone the runtime lists, plus UTC and the current value
 * (a zone the runtime knows under another name stays selectable), sorted, each once.
 */
export function zoneChoices(current: string, known: readonly string[] = Intl.supportedValuesOf('timeZone')): string[] {
  const all = new Set(known.filter(isTimeZone));
  all.add('UTC');
  if (isTimeZone(current)) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b, 'en'));
}
