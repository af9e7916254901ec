import { describe, expect, it } from 'vitest';
import { lastLines, pendingSinceOf, toolbarState } from './agent-view';

const msg = (senderType: 'CONTACT' | 'AGENT' | 'SYSTEM', at: string, extra: Partial<{ kind: 'TEXT' | 'SYSTEM'; visibility: 'EVERYONE' | 'INTERNAL'; text: string }> = {}) => ({
  kind: extra.kind ?? (senderType === 'SYSTEM' ? ('SYSTEM' as const) : ('TEXT' as const)),
  senderType,
  createdAt: at,
  visibility: extra.visibility ?? ('EVERYONE' as const),
  senderName: senderType === 'CONTACT' ? 'Dana' : 'Alex',
  text: extra.text ?? at,
});

describe('agent view rules', () => {
  it('pending starts at the first unanswered contact message and resets on an agent reply', () => {
    expect(pendingSinceOf([])).toBeNull();
    expect(pendingSinceOf([msg('SYSTEM', 't0'), msg('CONTACT', 't1'), msg('CONTACT', 't2')])).toBe('t1');
    expect(pendingSinceOf([msg('CONTACT', 't1'), msg('AGENT', 't2')])).toBeNull();
    expect(pendingSinceOf([msg('CONTACT', 't1'), msg('AGENT', 't2'), msg('CONTACT', 't3')])).toBe('t3');
    // A coaching line is not an answer to the contact.
    expect(pendingSinceOf([msg('CONTACT', 't1'), msg('AGENT', 't2', { visibility: 'INTERNAL' })])).toBe('t1');
  });

  it('the toolbar follows status, access and the disposition rule', () => {
    expect(toolbarState({ status: 'ACTIVE', access: 'owner', dispositionId: null, dispositionRequired: true })).toEqual({
      canAct: true,
      canEnd: true,
      showMarkDone: false,
      markDoneBlocked: 'notEnded',
      canSetDisposition: true,
    });
    expect(toolbarState({ status: 'ENDED', access: 'owner', dispositionId: null, dispositionRequired: true }).markDoneBlocked).toBe('dispositionRequired');
    expect(toolbarState({ status: 'ENDED', access: 'owner', dispositionId: 'd1', dispositionRequired: true }).markDoneBlocked).toBeNull();
    expect(toolbarState({ status: 'ENDED', access: 'owner', dispositionId: null, dispositionRequired: false })).toMatchObject({ showMarkDone: true, markDoneBlocked: null });
    const sup = toolbarState({ status: 'ACTIVE', access: 'supervisor', dispositionId: null, dispositionRequired: false });
    expect(sup).toMatchObject({ canAct: false, canEnd: false, showMarkDone: false, canSetDisposition: false });
    expect(toolbarState({ status: 'DONE', access: 'owner', dispositionId: null, dispositionRequired: false }).canSetDisposition).toBe(false);
  });

  it('the bar preview shows the last text lines, never internal ones', () => {
    const list = [msg('SYSTEM', 's'), msg('CONTACT', 'a'), msg('AGENT', 'b'), msg('AGENT', 'secret', { visibility: 'INTERNAL' }), msg('CONTACT', 'c'), msg('AGENT', 'd')];
    expect(lastLines(list)).toEqual(['Alex: b', 'Dana: c', 'Alex: d']);
    expect(lastLines(list, 1)).toEqual(['Alex: d']);
  });
});
