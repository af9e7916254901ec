'use client';

import { useCallback, useEffect, useState } from 'react';
import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import { channels, events, type InvitationResolvedEvent, type MessageDto } from '@/lib/realtime/channels';
import type { CollaborationState } from '@/lib/collaboration/invitations';
import { useEvent } from '@/components/chat/use-realtime';
import { collaborationStateAction } from '../collaboration-actions';
import { unwrap } from '@/components/staff/action-result';
import { readStored, storedShapes } from '@/lib/client/stored';

/**
 * One chat's collaboration as its member sees it: invitations they sent (pending, and the recent
 * outcomes, read from the store so they survive a reload), and who is in the chat. Re-read when an
 * invitation of theirs resolves or someone joins or leaves.
 */
export function useCollaboration(opts: { interactionId: string; me: string; pusher: Pusher | null; chat: Channel | null; enabled: boolean }) {
  const { interactionId, me, pusher, chat, enabled } = opts;
  const [state, setState] = useState<CollaborationState | null>(null);
  const refresh = useCallback(async () => {
    if (!enabled) return;
    const r = unwrap(await collaborationStateAction({ interactionId }));
    if (r.ok) setState(r.data);
  }, [interactionId, enabled]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // The console subscribes to the user's channel; bind to it without owning the subscription.
  const mine = pusher?.channel(channels.user(me)) ?? null;
  useEvent<InvitationResolvedEvent>(mine, events.invitationResolved, (e) => {
    if (e.interactionId === interactionId) void refresh();
  });
  useEvent<MessageDto>(chat, events.message, (m) => {
    if (m.kind === 'SYSTEM' && (m.event === 'joined' || m.event === 'left')) void refresh();
  });

  const storageKey = `collaboration-dismissed:${me}`;
  const [dismissed, setDismissed] = useState<string[]>([]);
  useEffect(() => {
    setDismissed(readStored((k) => localStorage.getItem(k), storageKey, storedShapes.dismissedInvitations, []));
  }, [storageKey]);
  const dismiss = useCallback(
    (id: string) =>
      setDismissed((d) => {
        const next = [...d.slice(-50), id];
        localStorage.setItem(storageKey, JSON.stringify(next));
        return next;
      }),
    [storageKey],
  );
  const consulted = state?.members.find((m) => m.role === 'CONSULT');
  const consultee = consulted ? { id: consulted.userId, name: consulted.name } : null;
  return { interactionId, me, pusher, state, refresh, dismissed, dismiss, consultee };
}
export type Collaboration = ReturnType<typeof useCollaboration>;

