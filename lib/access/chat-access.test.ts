// The chat-permission rule both lanes share (chatAction(need) and withStaff({ chat: need }) call
// requireStaffAccess, which asks chatRefusal), and the role sets they name.
import { describe, expect, it } from 'vitest';
import { chatRefusal, type Access, type ChatNeed } from './chat-access';
import { ADMINS, ANY_STAFF, CHAT_STAFF, SUPERVISORS, assertRole, hasRole, type StaffRole } from './staff-roles';

describe('chatRefusal', () => {
  const table: [Access | null, ChatNeed, ReturnType<typeof chatRefusal>][] = [
    [null, 'read', 'notFound'],
    [null, 'act', 'notFound'],
    [null, 'own', 'notFound'],
    ['supervisor', 'read', null],
    ['supervisor', 'act', 'forbidden'],
    ['supervisor', 'own', 'forbidden'],
    ['participant', 'read', null],
    ['participant', 'act', null],
    ['participant', 'own', 'forbidden'],
    ['owner', 'read', null],
    ['owner', 'act', null],
    ['owner', 'own', null],
  ];
  it.each(table)('access %s, need %s → %s', (access, need, want) => {
    expect(chatRefusal(access, need)).toBe(want);
  });
});

describe('the role sets', () => {
  it('name who each lane lets in', () => {
    expect(CHAT_STAFF).toEqual(['AGENT', 'SUPERVISOR']);
    expect(SUPERVISORS).toEqual(['SUPERVISOR']);
    expect(ADMINS).toEqual(['ADMIN']);
    expect([...ANY_STAFF].sort()).toEqual(['ADMIN', 'AGENT', 'SUPERVISOR']);
  });

  it('hasRole / assertRole: in the set passes, out of it is forbidden', () => {
    const as = (role: StaffRole) => ({ role });
    expect(hasRole(as('SUPERVISOR'), CHAT_STAFF)).toBe(true);
    expect(hasRole(as('ADMIN'), SUPERVISORS)).toBe(false);
    expect(() => assertRole(as('AGENT'), SUPERVISORS)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertRole(as('ADMIN'), ADMINS)).not.toThrow();
  });
});
