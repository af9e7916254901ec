// The agent view's rules, computed once here rather than in components (A6, A8, A14).
import { canMarkDone, type InteractionStatus } from '../core/lifecycle';

type Msg = { kind: 'TEXT' | 'SYSTEM'; senderType: 'CONTACT' | 'AGENT' | 'SYSTEM'; createdAt: string; visibility?: 'EVERYONE' | 'INTERNAL' };

/** A6: the oldest contact message no agent has answered yet, from the contact-visible transcript. */
export function pendingSinceOf(messages: readonly Msg[]): string | null {
  let since: string | null = null;
  for (const m of messages) {
    if (m.kind !== 'TEXT' || m.visibility === 'INTERNAL') continue;
    if (m.senderType === 'AGENT') since = null;
    else if (m.senderType === 'CONTACT' && !since) since = m.createdAt;
  }
  return since;
}

export interface ToolbarState {
  /** The viewer writes in this chat (owner or conference participant, not a reading supervisor). */
  canAct: boolean;
  canEnd: boolean;
  /** A8: Mark Done appears once the chat has ended, for its owner. */
  showMarkDone: boolean;
  /** Why Mark Done cannot be used yet (null when it can). */
  markDoneBlocked: 'dispositionRequired' | 'notEnded' | null;
  canSetDisposition: boolean;
}

export function toolbarState(i: {
  status: InteractionStatus;
  access: 'owner' | 'participant' | 'supervisor';
  dispositionId: string | null;
  dispositionRequired: boolean;
}): ToolbarState {
  const canAct = i.access !== 'supervisor';
  const verdict = canMarkDone({ status: i.status, dispositionId: i.dispositionId }, i.dispositionRequired);
  return {
    canAct,
    canEnd: canAct && i.status === 'ACTIVE',
    showMarkDone: canAct && i.status === 'ENDED',
    markDoneBlocked: verdict.ok ? null : verdict.reason,
    canSetDisposition: canAct && i.status !== 'DONE',
  };
}

/** A7: the last lines of a chat for the interaction bar's preview. */
export function lastLines(messages: readonly (Msg & { senderName: string; text: string })[], count = 3): string[] {
  return messages
    .filter((m) => m.kind === 'TEXT' && m.visibility !== 'INTERNAL')
    .slice(-count)
    .map((m) => `${m.senderName}: ${m.text}`);
}
