import { describe, expect, it } from 'vitest';
import { displayNameFor, NICKNAME_POLICIES } from '@/lib/directory/nickname';
import enAdmin from '@/messages/en/admin.json';
import frAdmin from '@/messages/fr-CA/admin.json';
import { moveInOrder } from './order';

// M2's preview: what a contact sees for each demo agent under each policy.
const support = { genericNickname: 'Support' };
const sales = { genericNickname: null };
const agents = [
  { user: { name: 'Agent One', nickname: 'Alex' }, group: support },
  { user: { name: 'Agent Two', nickname: null }, group: support },
  { user: { name: 'Agent Three', nickname: null }, group: sales },
  { user: { name: 'Sam Supervisor', nickname: null }, group: null },
];

describe('nickname policy preview', () => {
  it('gives each agent the name the policy picks', () => {
    const preview = Object.fromEntries(NICKNAME_POLICIES.map((p) => [p, agents.map((a) => displayNameFor(a.user, a.group, p))]));
    expect(preview).toEqual({
      'personal-group-name': ['Alex', 'Support', 'Agent Three', 'Sam Supervisor'],
      'group-name': ['Support', 'Support', 'Agent Three', 'Sam Supervisor'],
      name: ['Agent One', 'Agent Two', 'Agent Three', 'Sam Supervisor'],
    });
  });
  it('a draft nickname changes the preview before it is saved', () => {
    expect(displayNameFor({ name: 'Agent Two', nickname: 'Jo' }, support, 'personal-group-name')).toBe('Jo');
    expect(displayNameFor({ name: 'Agent Two', nickname: '' }, { genericNickname: '' }, 'personal-group-name')).toBe('Agent Two');
  });
});

describe('moveInOrder (keyboard reorder of disposition codes)', () => {
  it('moves one place and stops at the ends', () => {
    expect(moveInOrder(['a', 'b', 'c'], 'b', 'up')).toEqual(['b', 'a', 'c']);
    expect(moveInOrder(['a', 'b', 'c'], 'b', 'down')).toEqual(['a', 'c', 'b']);
    expect(moveInOrder(['a', 'b', 'c'], 'a', 'up')).toEqual(['a', 'b', 'c']);
    expect(moveInOrder(['a', 'b', 'c'], 'c', 'down')).toEqual(['a', 'b', 'c']);
    expect(moveInOrder(['a'], 'x', 'up')).toEqual(['a']);
  });
});

describe('admin catalogue', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it('has the same keys in English and French', () => {
    expect(keys(frAdmin).sort()).toEqual(keys(enAdmin).sort());
  });
  it('keeps the SPEC appendix names', () => {
    expect(enAdmin.timers).toMatchObject({ title: 'Timers', pendingYellowSec: 'Yellow after (seconds)', pendingRedSec: 'Red after (seconds)', invitationTimeoutSec: 'Invitation timeout (seconds)' });
    expect(enAdmin.form.save).toBe('Save');
    expect(enAdmin.dispositions).toMatchObject({ title: 'Disposition codes', newCode: 'New code', required: 'Disposition required' });
    expect(enAdmin.form.add).toBe('Add');
    expect([enAdmin.nicknames.title, enAdmin.caseData.title, enAdmin.users.title, enAdmin.groups.title, enAdmin.skills.title, enAdmin.queues.title, enAdmin.routingPoints.title, enAdmin.audit.title]).toEqual([
      'Nicknames', 'Case data fields', 'Users', 'Groups', 'Skills', 'Queues', 'Routing points', 'Audit log',
    ]);
  });
});
