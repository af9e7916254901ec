import type { MessageDto } from '@/lib/realtime/channels';
import type { SendResult } from '@/components/chat/use-outbox';

// The browser's client of the staff messaging routes (app/api/interactions/[id]/…).
function post(path: string, body: unknown, socketId?: string) {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(socketId ? { 'x-socket-id': socketId } : {}) },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
}

export const staffApi = {
  async send(interactionId: string, clientId: string, text: string, socketId?: string, attachmentIds?: string[]): Promise<SendResult> {
    try {
      const res = await post(`/api/interactions/${encodeURIComponent(interactionId)}/messages`, attachmentIds?.length ? { clientId, text, attachmentIds } : { clientId, text }, socketId);
      const body = (await res.json().catch(() => ({}))) as { message?: MessageDto; error?: { code: string } };
      if (res.ok && body.message) return { ok: true, message: body.message };
      return { ok: false, retryable: res.status >= 500 || res.status === 429, error: body.error?.code ?? 'internal' };
    } catch {
      return { ok: false, retryable: true, error: 'network' };
    }
  },
  typing(interactionId: string, typing: boolean, socketId?: string) {
    return post(`/api/interactions/${encodeURIComponent(interactionId)}/typing`, { typing }, socketId).catch(() => undefined);
  },
  async after(interactionId: string, seq: number): Promise<MessageDto[]> {
    const res = await fetch(`/api/interactions/${encodeURIComponent(interactionId)}?after=${seq}`, { cache: 'no-store' });
    if (!res.ok) throw new Error(String(res.status));
    return ((await res.json()) as { messages: MessageDto[] }).messages;
  },
};
