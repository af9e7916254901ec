import type { InternalThread, MessageDto } from '@/lib/realtime/channels';
import type { SendResult } from './use-outbox';

// The browser's client of a chat's internal stream (app/api/interactions/[id]/internal).
const path = (id: string) => `/api/interactions/${encodeURIComponent(id)}/internal`;

export const internalApi = {
  async after(interactionId: string, seq: number): Promise<MessageDto[]> {
    const res = await fetch(`${path(interactionId)}?after=${seq}`, { cache: 'no-store' });
    if (!res.ok) throw new Error(String(res.status));
    return ((await res.json()) as { messages: MessageDto[] }).messages;
  },
  async send(interactionId: string, thread: InternalThread, clientId: string, text: string, socketId?: string, attachmentIds?: string[]): Promise<SendResult> {
    try {
      const res = await fetch(path(interactionId), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(socketId ? { 'x-socket-id': socketId } : {}) },
        body: JSON.stringify({ clientId, text, thread, ...(attachmentIds?.length ? { attachmentIds } : {}) }),
        cache: 'no-store',
      });
      const body = (await res.json().catch(() => ({}))) as { message?: MessageDto; error?: { code: string } };
      if (res.ok && body.message) return { ok: true, message: body.message };
      return { ok: false, retryable: res.status >= 500 || res.status === 429, error: body.error?.code ?? 'internal' };
    } catch {
      return { ok: false, retryable: true, error: 'network' };
    }
  },
};
