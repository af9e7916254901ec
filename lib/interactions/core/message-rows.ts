import { randomBytes } from 'node:crypto';
import type { AttachmentRef, InternalThread, MessageDto, SenderType, SystemEvent, Visibility } from '@/lib/realtime/channels';

// How a stored message is read with raw SQL (MESSAGE_COLUMNS in chat-store.ts) and turned into its
// wire shape; shared by the one-message append (messages.ts) and the group commit (append-batch.ts).

let idCounter = Math.floor(Math.random() * 36 ** 4);
/** A collision-resistant id shaped like Prisma's cuid() (c + time + counter + random). */
export function newId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36)}${idCounter.toString(36).padStart(4, '0')}${randomBytes(8).toString('hex').slice(0, 12)}`;
}

export interface RawMessage {
  id: string;
  interactionId: string;
  visibility: Visibility;
  seq: number;
  clientId: string | null;
  kind: 'TEXT' | 'SYSTEM';
  senderType: SenderType;
  senderUserId: string | null;
  senderName: string;
  event: string | null;
  eventData: unknown;
  text: string;
  createdAt: Date | string;
  thread: string | null;
  /** NULL on rows the group commit stores (it never takes messages with attachments). */
  attachments?: unknown;
}

/** A row read with raw SQL (enums as text, timestamps without zone = UTC) as the wire shape. */
export function rawToDto(m: RawMessage): MessageDto {
  const createdAt = m.createdAt instanceof Date ? m.createdAt : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(m.createdAt) ? m.createdAt : `${m.createdAt}Z`);
  const eventData = typeof m.eventData === 'string' ? (JSON.parse(m.eventData) as unknown) : m.eventData;
  return {
    id: m.id,
    interactionId: m.interactionId,
    seq: Number(m.seq),
    visibility: m.visibility,
    kind: m.kind,
    senderType: m.senderType,
    senderUserId: m.senderUserId,
    senderName: m.senderName,
    event: (m.event as SystemEvent | null) ?? null,
    eventData: (eventData as Record<string, string> | null) ?? null,
    text: m.text,
    clientId: m.clientId,
    createdAt: createdAt.toISOString(),
    thread: (m.thread as InternalThread | null) ?? null,
    ...attachmentsOf(m.attachments),
  };
}


/** The files a message carries (attachments stream), only on messages that have some. */
function attachmentsOf(raw: unknown): { attachments?: AttachmentRef[] } {
  const list = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return Array.isArray(list) && list.length > 0 ? { attachments: list as AttachmentRef[] } : {};
}
