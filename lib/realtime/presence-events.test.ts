import { describe, expect, it } from 'vitest';
import { channels, CONTACT_PRESENCE_USER } from './channels';
import { contactPresenceChanges } from './presence-events';

const added = (id: string, user = CONTACT_PRESENCE_USER) => ({ name: 'member_added', channel: channels.contactPresence(id), user_id: user });
const removed = (id: string, user = CONTACT_PRESENCE_USER) => ({ name: 'member_removed', channel: channels.contactPresence(id), user_id: user });

describe('contactPresenceChanges', () => {
  it('keeps the last state of each chat in the batch: joined then left is left, left then joined is joined', () => {
    const out = contactPresenceChanges([added('c1'), added('c2'), removed('c1'), removed('c2'), added('c2')]);
    expect([...out]).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
  });

  it('ignores staff members, other events and other channels', () => {
    const out = contactPresenceChanges([
      added('c1', 'user-42'),
      { name: 'channel_occupied', channel: channels.contactPresence('c1') },
      { name: 'member_added', channel: channels.chat('c1'), user_id: CONTACT_PRESENCE_USER },
      { name: 'member_added', channel: 'presence-contact-', user_id: CONTACT_PRESENCE_USER },
    ]);
    expect(out.size).toBe(0);
  });
});
