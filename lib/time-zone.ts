import { z } from 'zod';

/** An IANA time zone this runtime knows ("America/Toronto", "UTC"). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A time zone as input: bounded before Intl ever sees it. */
export const timeZoneSchema = z.string().max(64).refine(isTimeZone);
