// The chat write model's one home: what an append takes and returns (shared by the one-message
// path, messages.ts, and the group commit, append-batch.ts).
import type { AttachmentRef, InternalThread, MessageDto, SenderType, SystemEvent, Visibility } from '@/lib/realtime/channels';
import type { InteractionStatus } from './lifecycle';

export interface NewMessage {
  interactionId: string;
  visibility?: Visibility;
  /** For INTERNAL messages: which side conversation (coaching S5, consultation T4). */
  thread?: InternalThread | null;
  clientId?: string | null;
  senderType: SenderType;
  senderUserId?: string | null;
  senderName: string;
  text?: string;
  event?: SystemEvent;
  eventData?: Record<string, string>;
  /** Files sent with the message (lib/attachments/send.ts, inside its transaction). */
  attachments?: AttachmentRef[];
  /** The chat must be in one of these statuses, checked under the same row lock that assigns seq. */
  allowedStatuses: readonly InteractionStatus[];
}

export interface Appended {
  message: MessageDto;
  duplicate: boolean;
}
