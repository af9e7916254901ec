'use client';

import { useFormatter } from 'next-intl';

/** A time in the viewer's locale and zone (X4). */
export function LocalTime({ iso }: { iso: string }) {
  const format = useFormatter();
  return <time dateTime={iso}>{format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' })}</time>;
}
