'use client';

import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { uploadFile } from './attachments';
import type { ComposerAttach } from './composer-files';

/** The configured maximum file size (Admin → Attachments), given by the console layout. */
const StaffFileLimit = createContext<number | null>(null);

export function StaffFilesProvider({ maxFileSizeMb, children }: { maxFileSizeMb: number; children: ReactNode }) {
  return createElement(StaffFileLimit.Provider, { value: maxFileSizeMb }, children);
}

/**
 * The "Attach file" of staff composers (agent, barging or coaching supervisor, consultation):
 * uploads with the session cookie. The browser refuses a file over the configured limit before
 * uploading it; the server checks again, always. (Outside the console shell, which gives the
 * limit, it checks against the largest an admin can set.)
 */
export function useStaffAttach(interactionId: string): ComposerAttach {
  const max = useContext(StaffFileLimit) ?? 100;
  return useMemo(
    () => ({
      maxFileSizeMb: max,
      byContact: false,
      upload: (file, clientId, onProgress) => uploadFile({ url: `/api/interactions/${encodeURIComponent(interactionId)}/files`, file, clientId, onProgress }),
    }),
    [interactionId, max],
  );
}
