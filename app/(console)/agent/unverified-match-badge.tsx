'use client';

import { useTranslations } from 'next-intl';
import { ShieldAlert } from 'lucide-react';

/**
 * The contact record was matched by an email or phone the contact typed, never verified: the
 * agent sees it (text and icon, not colour alone) and which record it is; the contact never does.
 */
export function UnverifiedMatchBadge({ recordName, describedBy }: { recordName: string; describedBy?: string }) {
  const t = useTranslations('privacy');
  return (
    <span
      className="inline-flex items-center gap-1 rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 text-xs font-semibold text-amber-900"
      title={t('unverifiedMatchDetail', { recordName })}
      aria-describedby={describedBy}
      data-testid="unverified-match"
    >
      <ShieldAlert aria-hidden className="h-3.5 w-3.5" />
      {t('unverifiedMatch')}
    </span>
  );
}

/** The same warning in words, beside the linked record's details. */
export function UnverifiedMatchNote({ recordName, id }: { recordName: string; id?: string }) {
  const t = useTranslations('privacy');
  return (
    <p id={id} className="mb-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900">
      {t('unverifiedMatchDetail', { recordName })}
    </p>
  );
}
