'use client';

import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';
import { useState } from 'react';

/** Times and dates show in the viewer's own time zone (X4), which only the browser knows. */
export function IntlProvider({ locale, messages, children }: { locale: string; messages: AbstractIntlMessages; children: React.ReactNode }) {
  const [timeZone] = useState(() => (typeof window === 'undefined' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone));
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
