import { describe, expect, it } from 'vitest';
import { channels, events } from './channels';
import { wirePayload, type Broadcast } from './server';

describe('broadcast payloads', () => {
  const message = {
    id: 'm1', interactionId: 'c1', seq: 1, visibility: 'EVERYONE', kind: 'TEXT', senderType: 'AGENT', senderUserId: 'user-42',
    senderName: 'Alex', event: null, eventData: null, text: 'hi', clientId: 'abcdefgh', createdAt: new Date(0).toISOString(), thread: null,
  } as const;

  it("strips staff ids on the contact's channel only", () => {
    const onChat: Broadcast = { channel: channels.chat('c1'), name: events.message, data: message };
    const onInternal: Broadcast = { channel: channels.internal('c1'), name: events.message, data: message };
    expect(wirePayload(onChat)).not.toHaveProperty('senderUserId');
    expect(wirePayload(onInternal)).toHaveProperty('senderUserId', 'user-42');
    expect(wirePayload({ channel: channels.chat('c1'), data: { who: 'agent', name: 'Alex', typing: true, userId: 'user-42' } as never })).toEqual({ who: 'agent', name: 'Alex', typing: true });
  });

  it('the payload type follows the event name', () => {
    // @ts-expect-error: a typing payload is not a message
    const wrong: Broadcast = { channel: channels.chat('c1'), name: events.message, data: { who: 'agent', name: 'x', typing: true } };
    expect(wrong).toBeTruthy();
  });
});

describe('after-broadcast hooks', () => {
  it('a registered hook sees each batch before it is sent; one hook per name', async () => {
    const { afterBroadcast, broadcast } = await import('./server');
    const seen: string[][] = [];
    afterBroadcast('test-hook', () => seen.push(['replaced']));
    afterBroadcast('test-hook', (items) => seen.push(items.map((b) => b.channel)));
    const items: Broadcast[] = [{ channel: channels.user('u1'), name: events.workspace, data: { interactionId: 'c1' } as never }];
    // The send itself fails here (no realtime server), which broadcast logs and swallows.
    await broadcast(items);
    expect(seen).toEqual([[channels.user('u1')]]);
    await broadcast([]);
    expect(seen).toHaveLength(1);
  });
});
