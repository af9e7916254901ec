import 'server-only';
import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { staffRoute, type StaffResolver, type StaffRouteContext } from '@/lib/access/staff-route';
import { handle, readJson } from '@/lib/http';
import { agentSend, agentTyping } from '@/lib/interactions/staff/agent-messages';
import { interactionDetail, transcriptSince } from '@/lib/interactions/staff/agent-views';
import { contactGate } from '@/lib/interactions/contact/contact-api';
import { contactChatState, contactSend, contactTyping } from '@/lib/interactions/contact/contact-chat';
import { afterSeqSchema, sendMessageSchema, typingSchema } from '@/lib/interactions/core/schemas';
import { socketIdFrom } from '@/lib/realtime/socket-id';

// The hot endpoints, written once. The route handlers under app/api call them inside Next.js;
// the fast lane (lib/fast-lane/) calls the very same functions for the same URLs outside it.
// Same gate (origin, session or chat secret, participant access, body cap, validation, rate
// limits), same domain function, same answer: no rule exists twice.

// A malformed X-Socket-Id is refused (400) before anything is stored (lib/realtime/socket-id.ts).
const socketIdOf = socketIdFrom;

/** X8: the chat's status and its contact-visible transcript after `after` (a seq). */
export function contactRead(req: Request, rawChatId: string): Promise<Response> {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, rawChatId, 'read');
    const after = afterSeqSchema.parse(new URL(req.url).searchParams.get('after') ?? undefined);
    return Response.json(await contactChatState(chatId, secret, after));
  });
}

/** X8: send a message. A retry with the same clientId returns the stored message, never a copy. */
export function contactSendRoute(req: Request, rawChatId: string): Promise<Response> {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, rawChatId, 'write');
    const input = sendMessageSchema.parse(await readJson(req));
    const message = await contactSend(chatId, secret, input, socketIdOf(req));
    return Response.json({ message });
  });
}

export function contactTypingRoute(req: Request, rawChatId: string): Promise<Response> {
  return handle(async () => {
    const { chatId, secret } = await contactGate(req, rawChatId, 'typing');
    const { typing } = typingSchema.parse(await readJson(req));
    await contactTyping(chatId, secret, typing, socketIdOf(req));
    return Response.json({ ok: true });
  });
}

// The staff side: withStaff's gate (lib/access/staff-route.ts) on the chat named in the URL, with
// the session source of the caller's lane (next-auth in Next.js, the cookie decoder in the fast lane).
type StaffChatHandler = (req: Request, ctx: StaffRouteContext<'id'>) => Promise<Response>;
function staffChatRoute(handler: StaffChatHandler) {
  return (req: Request, rawId: string, resolveStaff: StaffResolver): Promise<Response> =>
    staffRoute({ roles: CHAT_STAFF, chat: 'id', resolve: resolveStaff }, handler)(req, { params: { id: rawId } });
}

/** One chat for staff: the whole view, or with ?after=N only the transcript after seq N (catch-up). */
export const staffRead = staffChatRoute(async (req, { user, interactionId }) => {
  const after = new URL(req.url).searchParams.get('after');
  if (after !== null) return Response.json({ messages: await transcriptSince(user, interactionId, afterSeqSchema.parse(after)) });
  return Response.json(await interactionDetail(user, interactionId));
});

/** An agent's (or a barging supervisor's) message. */
export const staffSendRoute = staffChatRoute(async (req, { user, interactionId }) => {
  const input = sendMessageSchema.parse(await readJson(req));
  const message = await agentSend(user, interactionId, input, socketIdOf(req));
  return Response.json({ message });
});

export const staffTypingRoute = staffChatRoute(async (req, { user, interactionId }) => {
  const { typing } = typingSchema.parse(await readJson(req));
  await agentTyping(user, interactionId, typing, socketIdOf(req));
  return Response.json({ ok: true });
});
