import 'server-only';
import { broadcast } from '@/lib/realtime/server';
import { events, messageChannels, type InteractionEvent, type MessageDto } from '@/lib/realtime/channels';
import type { InteractionStatus } from './lifecycle';

// What every side broadcasts after a store: a stored message on the channels it may reach, and the
// chat's status event.

export function statusEvent(interactionId: string, status: InteractionStatus, lastSeq: number): InteractionEvent {
  return { interactionId, status, lastSeq, queuePosition: null };
}

export async function broadcastMessage(message: MessageDto, socketId?: string) {
  // Internal messages never travel on the contact's channel; consultation lines also go to the consulted colleague's.
  await broadcast(messageChannels(message).map((channel) => ({ channel, name: events.message, data: message, socketId })));
}
