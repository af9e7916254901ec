'use client';

import { useEffect, useState } from 'react';

/** The supervisor's browser time zone, sent with the filters (the admin default applies without it). */
export function ZoneField({ initial }: { initial?: string }) {
  const [tz, setTz] = useState(initial ?? '');
  useEffect(() => {
    if (!initial) setTz(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [initial]);
  return tz ? <input type="hidden" name="tz" value={tz} /> : null;
}
