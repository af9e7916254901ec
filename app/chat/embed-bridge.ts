'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { embeddingOrigin } from '@/lib/widget/origins';
import { isLocale } from '@/i18n/config';

/** What the host page passed to ChatConsole.identify() (the hash verifies the email). */
export interface EmbedIdentity {
  name?: string;
  email?: string;
  phone?: string;
  hash?: string;
}

export interface EmbedBridge {
  identity: EmbedIdentity | null;
  /**
   * The chat the host page kept for this visitor (undefined until the host answered): a
   * cross-site iframe often has no storage of its own, so the host's first-party storage keeps it.
   */
  session: { chatId: string; secret: string } | null | undefined;
  /** Posts to the embedding page, addressed to its (allowed) origin only; nothing without one. */
  post: (message: { type: string } & Record<string, unknown>) => void;
}

const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : undefined);

/**
 * The iframe's side of the website widget (issue 18): it hears only its parent window, and only
 * when that parent's origin is one of the admin's Allowed origins; it posts only to that origin.
 */
export function useEmbedBridge(allowedOrigins: readonly string[] | undefined): EmbedBridge | null {
  const [identity, setIdentity] = useState<EmbedIdentity | null>(null);
  const [session, setSession] = useState<EmbedBridge['session']>(undefined);
  const parent = useMemo(() => {
    if (!allowedOrigins || typeof window === 'undefined' || window.parent === window) return null;
    return embeddingOrigin({ ancestorOrigins: Array.from(window.location.ancestorOrigins ?? []), referrer: document.referrer, allowed: allowedOrigins });
  }, [allowedOrigins]);

  const post = useCallback(
    (message: { type: string } & Record<string, unknown>) => {
      if (parent) window.parent.postMessage(message, parent);
    },
    [parent],
  );

  useEffect(() => {
    if (!parent) return;
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent || e.origin !== parent) return;
      const d = e.data as { type?: unknown; identity?: Record<string, unknown>; locale?: unknown } | null;
      if (!d || typeof d !== 'object') return;
      if (d.type === 'chatconsole:init') {
        const s = (d as { session?: { chatId?: unknown; secret?: unknown } | null }).session;
        const chatId = str(s?.chatId, 100);
        const secret = str(s?.secret, 200);
        setSession(chatId && secret ? { chatId, secret } : null);
      }
      if ((d.type === 'chatconsole:identify' || d.type === 'chatconsole:init') && d.identity && typeof d.identity === 'object') {
        const i = d.identity;
        setIdentity({ name: str(i.name, 100), email: str(i.email, 200), phone: str(i.phone, 20), hash: str(i.hash, 128) });
      }
      if ((d.type === 'chatconsole:locale' || d.type === 'chatconsole:init') && isLocale(d.locale)) {
        const url = new URL(window.location.href);
        if (url.searchParams.get('locale') !== d.locale) {
          url.searchParams.set('locale', d.locale);
          // The chat resumes from this origin's storage after the reload, in the new language.
          window.location.replace(url.href);
        }
      }
    };
    window.addEventListener('message', onMessage);
    // Now listening: the loader answers with the kept chat, identify() and the locale.
    post({ type: 'chatconsole:ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [parent, post]);

  return allowedOrigins ? { identity, session: parent ? session : null, post } : null;
}
