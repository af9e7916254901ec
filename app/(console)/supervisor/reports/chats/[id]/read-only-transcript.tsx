'use client';

import type { MessageDto } from '@/lib/realtime/channels';
import { Transcript } from '@/components/chat/transcript';

/** A past chat's transcript, read-only, in the console's transcript component (issue 20). */
export function ReadOnlyTranscript(props: { messages: MessageDto[]; userId: string; highlight?: { id: string; label: string } }) {
  return (
    <div className="flex h-[65vh] flex-col rounded border border-slate-200 bg-white">
      <Transcript messages={props.messages} viewer={{ kind: 'staff', userId: props.userId }} highlight={props.highlight} />
    </div>
  );
}
