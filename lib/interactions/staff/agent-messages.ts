import 'server-only';
import { broadcast } from '@/lib/realtime/server';
import { channels, events } from '@/lib/realtime/channels';
import { requireActingParticipant, type Staff } from '../core/access';
import { AGENT_SEND_STATUSES } from '../core/lifecycle';
import { sendWithAttachments } from '@/lib/attachments/attachments';
import { appendMessage } from '../core/messages';
import { broadcastMessage } from '../core/broadcast';
import { isOwnRetry } from '../core/client-id';
import { AppError } from '@/lib/errors';

// What an agent (or a barging supervisor) writes to a chat: messages and typing notices.

export async function agentSend(user: Staff, interactionId: string, input: { clientId: string; text: string; attachmentIds?: string[] }, socketId?: string) {
  const { displayName } = await requireActingParticipant(user, interactionId);
  const next = {
    interactionId,
    clientId: input.clientId,
    senderType: 'AGENT' as const,
    senderUserId: user.id,
    senderName: displayName,
    text: input.text,
    allowedStatuses: AGENT_SEND_STATUSES,
  };
  const { message, duplicate } = input.attachmentIds?.length
    ? await sendWithAttachments(next, input.attachmentIds, { type: 'AGENT', userId: user.id })
    : await appendMessage(next);
  if (duplicate && !isOwnRetry(message, { type: 'AGENT', userId: user.id })) throw new AppError('conflict', 'clientId already used');
  if (!duplicate) await broadcastMessage(message, socketId);
  return message;
}

export async function agentTyping(user: Staff, interactionId: string, typing: boolean, socketId?: string) {
  const { displayName } = await requireActingParticipant(user, interactionId);
  await broadcast([{ channel: channels.chat(interactionId), name: events.typing, data: { who: 'agent', name: displayName, typing }, socketId }]);
}
