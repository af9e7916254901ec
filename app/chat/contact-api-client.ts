import type { MessageDto } from '@/lib/realtime/channels';
import type { SendResult } from '@/components/chat/use-outbox';
import type { AfterChatState } from '@/lib/widget/after-chat-types';
import type { ChatWait } from '@/lib/widget/estimated-wait-data';

// The browser's client of the contact HTTP API (X8): the same calls a widget or app would make.
export interface ChatSession {
  chatId: string;
  secret: string;
}

export interface ChatState {
  chatId: string;
  status: 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'ENDED' | 'DONE';
  contactName: string;
  lastSeq: number;
  queuePosition: number | null;
  messages: MessageDto[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit & { session?: ChatSession; socketId?: string }): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.session) headers.authorization = `Bearer ${init.session.secret}`;
  if (init.socketId) headers['x-socket-id'] = init.socketId;
  const res = await fetch(path, { ...init, headers, cache: 'no-store' });
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? 'internal', body.error?.message ?? res.statusText);
  return body as T;
}

export const contactApi = {
  start: (form: Record<string, unknown>) => call<ChatSession>('/api/v1/chats', { method: 'POST', body: JSON.stringify(form) }),
  state: (s: ChatSession, after = 0) => call<ChatState>(`/api/v1/chats/${encodeURIComponent(s.chatId)}?after=${after}`, { session: s }),
  /** Attachments: one sent file's bytes, by the chat secret (the bare address opens nothing). */
  async file(s: ChatSession, fileId: string): Promise<Blob> {
    const res = await fetch(`/api/v1/chats/${encodeURIComponent(s.chatId)}/files/${encodeURIComponent(fileId)}`, { headers: { authorization: `Bearer ${s.secret}` }, cache: 'no-store' });
    if (!res.ok) throw new ApiError(res.status, 'notFound', res.statusText);
    return res.blob();
  },
  async send(s: ChatSession, clientId: string, text: string, socketId?: string, attachmentIds?: string[]): Promise<SendResult> {
    try {
      const { message } = await call<{ message: MessageDto }>(`/api/v1/chats/${encodeURIComponent(s.chatId)}/messages`, {
        method: 'POST',
        session: s,
        socketId,
        body: JSON.stringify(attachmentIds?.length ? { clientId, text, attachmentIds } : { clientId, text }),
      });
      return { ok: true, message };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, retryable: e.status >= 500 || e.status === 429, error: e.code };
      return { ok: false, retryable: true, error: 'network' };
    }
  },
  typing: (s: ChatSession, typing: boolean, socketId?: string) =>
    call(`/api/v1/chats/${encodeURIComponent(s.chatId)}/typing`, { method: 'POST', session: s, socketId, body: JSON.stringify({ typing }) }),
  end: (s: ChatSession) => call(`/api/v1/chats/${encodeURIComponent(s.chatId)}/end`, { method: 'POST', session: s, body: '{}' }),
  // Issue 18: after the end (app/chat/after-chat.tsx)
  wait: (s: ChatSession) => call<ChatWait>(`/api/v1/chats/${encodeURIComponent(s.chatId)}/wait`, { session: s }),
  after: (s: ChatSession) => call<AfterChatState>(`/api/v1/chats/${encodeURIComponent(s.chatId)}/after`, { session: s }),
  rate: (s: ChatSession, rating: number, comment: string) =>
    call(`/api/v1/chats/${encodeURIComponent(s.chatId)}/rating`, { method: 'POST', session: s, body: JSON.stringify({ rating, comment: comment.trim() || null }) }),
  emailTranscript: (s: ChatSession, body: { email: string; locale: string; timeZone?: string }) =>
    call<{ status: string }>(`/api/v1/chats/${encodeURIComponent(s.chatId)}/transcript-email`, { method: 'POST', session: s, body: JSON.stringify(body) }),
};
