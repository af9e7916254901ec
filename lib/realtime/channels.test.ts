import { describe, expect, expectTypeOf, it } from 'vitest';
import { contactSafe, events, messageChannels, parseChannel, type EventPayload, type MessageDto, type TypingEvent } from './channels';

describe('the contact channel carries no staff user ids', () => {
  it('contactSafe drops senderUserId, userId and other staff ids, keeps the rest', () => {
    const m = { id: 'm1', seq: 3, senderType: 'AGENT', senderUserId: 'user-123', senderName: 'Alex', text: 'hi' };
    expect(contactSafe(m)).toEqual({ id: 'm1', seq: 3, senderType: 'AGENT', senderName: 'Alex', text: 'hi' });
    expect(contactSafe({ who: 'agent', userId: 'user-123', name: 'Alex', typing: true })).toEqual({ who: 'agent', name: 'Alex', typing: true });
    expect(contactSafe({ interactionId: 'c1', ownerId: 'u', targetUserId: 'v' })).toEqual({ interactionId: 'c1' });
    // The original stays whole for the staff side.
    expect(m.senderUserId).toBe('user-123');
  });
});

describe('typed event map', () => {
  it('each event name is its wire string and carries its payload type', () => {
    expect(events.message).toBe('message');
    expect(events.contactState).toBe('contact-state');
    expect(events.invitationResolved).toBe('invitation-resolved');
    expectTypeOf<EventPayload<typeof events.message>>().toEqualTypeOf<MessageDto>();
    expectTypeOf<EventPayload<typeof events.typing>>().toEqualTypeOf<TypingEvent>();
  });
});

describe('messageChannels (security round 2, defect 9)', () => {
  it('sends the contact-visible stream on the chat channel, coaching on the internal one, consultation on internal and consult', () => {
    expect(messageChannels({ interactionId: 'c1', visibility: 'EVERYONE', thread: null })).toEqual(['private-chat-c1']);
    expect(messageChannels({ interactionId: 'c1', visibility: 'INTERNAL', thread: 'coaching' })).toEqual(['private-internal-c1']);
    expect(messageChannels({ interactionId: 'c1', visibility: 'INTERNAL', thread: 'consultation' })).toEqual(['private-internal-c1', 'private-consult-c1']);
  });

  it('parses the consultation channel', () => {
    expect(parseChannel('private-consult-abc_1')).toEqual({ kind: 'consult', interactionId: 'abc_1' });
    expect(parseChannel('private-consult-')).toBeNull();
  });
});
