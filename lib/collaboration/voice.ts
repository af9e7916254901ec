import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { rateLimit } from '@/lib/security/rate-limit';
import { broadcast } from '@/lib/realtime/server';
import { channels, events, type VoiceSignal } from '@/lib/realtime/channels';
import type { Staff } from '@/lib/interactions/core/access';
import { STAFF_MEMBERS } from '@/lib/access/participant-roles';

// T4 voice consultation: browser-to-browser audio (WebRTC). The server only relays signalling
// (ring, accept, decline, SDP, ICE, hang-up) between two people of one open consultation, on the
// receiver's own user channel; audio never touches the server. Client events stay off.

export const voiceSignalSchema = z.object({
  callId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  to: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  type: z.enum(['ring', 'accept', 'decline', 'offer', 'answer', 'ice', 'hangup']),
  data: z
    .object({
      sdp: z.string().max(8000).optional(),
      candidate: z.string().max(1000).optional(),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    })
    .strict()
    .optional(),
});
export type VoiceSignalInput = z.infer<typeof voiceSignalSchema>;

const iceServerSchema = z.array(
  z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }),
);

/** STUN/TURN servers from RTC_ICE_SERVERS (JSON); none by default (same machine or LAN). */
export function iceServers(): z.infer<typeof iceServerSchema> {
  const raw = env.RTC_ICE_SERVERS.trim();
  if (!raw) return [];
  try {
    return iceServerSchema.parse(JSON.parse(raw));
  } catch (e) {
    logger.warn('RTC_ICE_SERVERS is not a JSON array of ICE servers; using none', { error: String(e) });
    return [];
  }
}

/** The ICE servers, for someone in this chat or its consultation. */
export async function voiceConfig(user: Staff, interactionId: string) {
  const inChat = await db.participant.count({ where: { interactionId, userId: user.id, leftAt: null, role: { in: [...STAFF_MEMBERS] } } });
  if (!inChat) throw new AppError('notFound');
  return { iceServers: iceServers() };
}

/** Both ends must be in this chat's open consultation: a chat member and a consulted colleague. */
export async function relayVoiceSignal(user: Staff, interactionId: string, input: VoiceSignalInput) {
  if (input.to === user.id) throw new AppError('invalidInput', 'cannot call yourself');
  const parts = await db.participant.findMany({
    where: { interactionId, leftAt: null, role: { in: [...STAFF_MEMBERS] }, userId: { in: [user.id, input.to] } },
    select: { userId: true, role: true, displayName: true },
  });
  const me = parts.find((p) => p.userId === user.id);
  if (!me) throw new AppError('notFound');
  const peer = parts.find((p) => p.userId === input.to);
  // One of the two is the consulted colleague: voice is part of a consultation, not of the chat.
  if (!peer || (me.role !== 'CONSULT' && peer.role !== 'CONSULT')) throw new AppError('conflict', 'not in a consultation together');
  // Security round 2: a relay is a broadcast per request; a budget per sender and chat (shared
  // across instances) keeps one browser from flooding its peer's user channel.
  await rateLimit(`voice:${user.id}:${interactionId}`, env.VOICE_SIGNALS_PER_MINUTE, 60);
  const signal: VoiceSignal = { interactionId, callId: input.callId, from: user.id, fromName: me.displayName, type: input.type, ...(input.data ? { data: input.data } : {}) };
  await broadcast([{ channel: channels.user(input.to), name: events.voice, data: signal }]);
  return { ok: true as const };
}
