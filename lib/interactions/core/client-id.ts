import type { MessageDto } from '@/lib/realtime/channels';

/**
 * A send whose clientId is already stored in the chat gets the stored message back only when it
 * is a retry of the caller's own send on the contact-visible stream: the contact's own message
 * for the contact, this agent's own for an agent. Anything else (another sender's message, an
 * internal coaching or consultation line) is refused as a conflict, never returned (security
 * round 2, defect 9). Internal sends have the same rule in internal-stream.ts.
 */
export function isOwnRetry(stored: Pick<MessageDto, 'visibility' | 'senderType' | 'senderUserId'>, sender: { type: 'CONTACT' } | { type: 'AGENT'; userId: string }): boolean {
  if (stored.visibility !== 'EVERYONE' || stored.senderType !== sender.type) return false;
  return sender.type === 'CONTACT' || stored.senderUserId === sender.userId;
}
