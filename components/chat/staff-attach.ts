'use client';

import { uploadFile } from './attachments';
import type { ComposerAttach } from './composer-files';

const cache = new Map<string, ComposerAttach>();

/**
 * The "Attach file" of staff composers (agent, barging supervisor): uploads with the session
 * cookie. The server holds the size limit and says so when a file is over it; the browser checks
 * against the largest limit an admin can set (it cannot know a lower one without asking).
 */
export function staffAttach(interactionId: string): ComposerAttach {
  let a = cache.get(interactionId);
  if (!a) {
    a = {
      maxFileSizeMb: 100,
      byContact: false,
      upload: (file, clientId, onProgress) => uploadFile({ url: `/api/interactions/${encodeURIComponent(interactionId)}/files`, file, clientId, onProgress }),
    };
    cache.set(interactionId, a);
  }
  return a;
}
