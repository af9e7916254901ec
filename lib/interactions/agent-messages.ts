import 'server-only';
import { broadcast } from '@/lib/realtime/server';
import { channels, events } from '@/lib/realtime/channels';
import { requireActingParticipant, type Staff } from './access';
import { AGENT_SEND_STATUSES } from './lifecycle';
import { appendMessage } from './messages';
import { broadcastMessage } from './contact-chat';

// What an agent (or a barging supervisor) writes to a chat: messages and typing notices.

export async function agentSend(user: Staff, interactionId: string, input: { clientId: string; text: string }, socketId?: string) {
  const { displayName } = await requireActingParticipant(user, interactionId);
  const { message, duplicate } = await appendMessage({
    interactionId,
    clientId: input.clientId,
    senderType: 'AGENT',
    senderUserId: user.id,
    senderName: displayName,
    text: input.text,
    allowedStatuses: AGENT_SEND_STATUSES,
  });
  if (!duplicate) await broadcastMessage(message, socketId);
  return message;
}

export async function agentTyping(user: Staff, interactionId: string, typing: boolean, socketId?: string) {
  const { displayName } = await requireActingParticipant(user, interactionId);
  await broadcast([{ channel: channels.chat(interactionId), name: events.typing, data: { who: 'agent', name: displayName, typing }, socketId }]);
}
