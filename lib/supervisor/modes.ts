import type { SupervisionMode, SystemEvent } from '@/lib/realtime/channels';

/**
 * Switching a supervisor's mode on one chat (S4–S6), as a plain rule. Monitoring works on any chat
 * not yet done (queued ones too); coaching and barging in need a live chat with an agent. Only
 * barge-in is visible to the contact: entering it announces "joined", leaving it "left".
 */
export function modeChange(
  status: string,
  from: SupervisionMode | null,
  to: SupervisionMode,
): { ok: true; announce: Extract<SystemEvent, 'joined' | 'left'>[] } | { ok: false; reason: 'closed' | 'same' } {
  if (status === 'DONE') return { ok: false, reason: 'closed' };
  if (to !== 'MONITOR' && status !== 'ACTIVE') return { ok: false, reason: 'closed' };
  if (from === to) return { ok: true, announce: [] };
  const announce: Extract<SystemEvent, 'joined' | 'left'>[] = [];
  if (from === 'BARGE_IN' && status === 'ACTIVE') announce.push('left');
  if (to === 'BARGE_IN') announce.push('joined');
  return { ok: true, announce };
}
