'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ArrowRightLeft, LogOut, MessagesSquare, UsersRound, X } from 'lucide-react';
import type { CollaborationKind } from '@/lib/collaboration/rules';
import type { DirectoryEntry } from '@/lib/collaboration/targets';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { cancelInvitationAction, inviteAction, leaveChatAction } from '../collaboration-actions';
import { unwrap } from '@/components/staff/action-result';
import { TeamCommunicator } from './team-communicator';
import { useSecondsLeft } from '@/components/hooks/use-seconds-left';
import type { Collaboration } from './use-collaboration';
import { LIVE_MEMBERS } from '@/lib/access/participant-roles';

const BUTTONS: { kind: CollaborationKind; label: 'transfer' | 'conference' | 'consult'; icon: typeof ArrowRightLeft }[] = [
  { kind: 'TRANSFER', label: 'transfer', icon: ArrowRightLeft },
  { kind: 'CONFERENCE', label: 'conference', icon: UsersRound },
  { kind: 'CONSULTATION', label: 'consult', icon: MessagesSquare },
];

/**
 * Toolbar buttons Transfer, Conference, Consult (A8 → T2–T4): each opens the Team Communicator;
 * picking a target sends the invitation. Also "Leave conference" while others are in the chat.
 */
export function CollaborationButtons(props: { collab: Collaboration; canAct: boolean; active: boolean; isOwner: boolean; onError: (message: string | null) => void }) {
  const t = useTranslations('agent');
  const tc = useTranslations('collaboration');
  const te = useTranslations('errors');
  const { collab } = props;
  const [open, setOpen] = useState<CollaborationKind | null>(null);
  const [busy, setBusy] = useState(false);
  const members = collab.state?.members.filter((m) => (LIVE_MEMBERS as readonly string[]).includes(m.role)) ?? [];
  const inConference = members.length > 1 && members.some((m) => m.userId === collab.me);

  const pick = async (kind: CollaborationKind, e: DirectoryEntry) => {
    setBusy(true);
    const r = unwrap(await inviteAction({ interactionId: collab.interactionId, kind, targetType: e.type, targetRef: e.id }));
    setBusy(false);
    setOpen(null);
    props.onError(r.ok ? null : te(r.code as 'internal'));
    await collab.refresh();
  };

  const leave = async () => {
    const r = unwrap(await leaveChatAction({ interactionId: collab.interactionId }));
    props.onError(r.ok ? null : te(r.code as 'internal'));
  };

  return (
    <>
      {BUTTONS.map(({ kind, label, icon: Icon }) => (
        <Button key={kind} className="inline-flex items-center gap-1" disabled={!props.canAct || !props.active || (kind === 'TRANSFER' && !props.isOwner)} onClick={() => setOpen(kind)}>
          <Icon aria-hidden className="size-4" />
          {t(label)}
        </Button>
      ))}
      {inConference && props.canAct && props.active && (
        <Button className="inline-flex items-center gap-1" onClick={() => void leave()}>
          <LogOut aria-hidden className="size-4" />
          {tc('leaveConference')}
        </Button>
      )}
      <Dialog open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        {open && (
          <DialogContent
            title={tc(`dialogTitle.${open}`)}
            description={tc('dialogHint')}
            closeLabel={tc('close')}
            // The search box takes focus (autoFocus), not the dialog's first button.
            onOpenAutoFocus={(e) => e.preventDefault()}
          >
            <TeamCommunicator me={collab.me} busy={busy} onPick={(e) => void pick(open, e)} />
          </DialogContent>
        )}
      </Dialog>
    </>
  );
}

/**
 * At the top of the chat view: invitations this agent sent and is waiting on (with Cancel), and
 * what became of the others — a rejection as an error, an ignored invitation as a system notice.
 */
export function CollaborationNotices({ collab }: { collab: Collaboration }) {
  const tc = useTranslations('collaboration');
  const te = useTranslations('errors');
  const [error, setError] = useState<string | null>(null);
  const invitations = collab.state?.invitations ?? [];
  const pending = invitations.filter((i) => i.status === 'PENDING');
  const outcomes = invitations.filter((i) => (i.status === 'REJECTED' || i.status === 'EXPIRED') && !collab.dismissed.includes(i.invitationId));
  if (pending.length === 0 && outcomes.length === 0 && !error) return null;

  const cancel = async (invitationId: string) => {
    const r = unwrap(await cancelInvitationAction({ invitationId }));
    setError(r.ok ? null : te(r.code as 'internal'));
    await collab.refresh();
  };

  return (
    <div className="flex flex-col gap-1 border-b border-slate-200 px-4 py-1">
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      {outcomes.map((o) => (
        <div
          key={o.invitationId}
          role={o.status === 'REJECTED' ? 'alert' : 'status'}
          className={`flex items-center gap-2 rounded px-2 py-1 text-sm ${o.status === 'REJECTED' ? 'bg-red-50 text-red-800' : 'bg-slate-100 text-slate-800'}`}
        >
          <span>{tc(`outcome.${o.status as 'REJECTED' | 'EXPIRED'}.${o.kind}`, { name: o.targetName })}</span>
          <button type="button" aria-label={tc('dismiss')} className="ml-auto rounded p-0.5 hover:bg-white/60" onClick={() => collab.dismiss(o.invitationId)}>
            <X aria-hidden className="size-4" />
          </button>
        </div>
      ))}
      {pending.map((p) => (
        <PendingInvitation key={p.invitationId} kind={p.kind} name={p.targetName} expiresAt={p.expiresAt} onCancel={() => void cancel(p.invitationId)} />
      ))}
    </div>
  );
}

function PendingInvitation(props: { kind: CollaborationKind; name: string; expiresAt: string; onCancel: () => void }) {
  const tc = useTranslations('collaboration');
  const left = useSecondsLeft(props.expiresAt);
  return (
    <div className="flex items-center gap-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
      <span>{tc(`pending.${props.kind}`, { name: props.name, seconds: left })}</span>
      <Button className="ml-auto" onClick={props.onCancel}>
        {tc('cancelInvitation')}
      </Button>
    </div>
  );
}
