'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import type Pusher from 'pusher-js';
import { channels, events } from '@/lib/realtime/channels';
import type { MyConsultations } from '@/lib/collaboration/consultation';
import { useEvent } from '@/components/chat/use-realtime';
import { ConsultationPanel } from './consultation-panel';

/**
 * T4, the consulted agent's side: each consultation they accepted, as a private panel. The chat
 * itself (its transcript) stays out of their reach; they saw only the invitation's preview.
 */
export function ConsultationsDock({ me, pusher }: { me: string; pusher: Pusher | null }) {
  const tc = useTranslations('collaboration');
  const [list, setList] = useState<MyConsultations>([]);
  const refresh = useCallback(async () => {
    const res = await fetch('/api/agent/consultations', { cache: 'no-store' }).catch(() => null);
    if (res?.ok) setList(((await res.json()) as { consultations: MyConsultations }).consultations);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const mine = pusher?.channel(channels.user(me)) ?? null;
  useEvent(mine, events.workspace, () => void refresh());
  useEvent(mine, events.invitationResolved, () => void refresh());
  useEffect(() => {
    if (!pusher) return;
    const onState = ({ current }: { current: string }) => current === 'connected' && void refresh();
    pusher.connection.bind('state_change', onState);
    return () => void pusher.connection.unbind('state_change', onState);
  }, [pusher, refresh]);
  if (list.length === 0) return null;
  return (
    <section aria-label={tc('consultations')} className="flex max-h-96 gap-2 overflow-x-auto border-b border-violet-200 bg-violet-50/50 px-4 py-2">
      {list.map((c) => (
        <ConsultationPanel
          key={c.interactionId}
          interactionId={c.interactionId}
          me={me}
          pusher={pusher}
          open
          title={tc('consultationAbout', { name: c.contactName })}
          onChanged={() => void refresh()}
          voicePeer={c.inviter}
        />
      ))}
    </section>
  );
}
