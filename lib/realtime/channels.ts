// Every channel name and event payload, in one place. What a contact must never see travels on
// channels their chat secret can never authorize (see app/api/pusher/auth/route.ts).

import type { BoardDelta, BoardStatus } from '@/lib/supervisor/board';

export const channels = {
  /** The contact-visible stream of one chat: contact, its agents and supervisors. */
  chat: (interactionId: string) => `private-chat-${interactionId}`,
  /** Internal-only traffic of one chat (coaching, consultation, supervision): its agents and supervisors, never the contact. */
  internal: (interactionId: string) => `private-internal-${interactionId}`,
  /**
   * The consultation thread of one chat (T4) alone: its agents, supervisors, and the consulted
   * colleague, who hears nothing else of the chat (security round 2, defect 9).
   */
  consult: (interactionId: string) => `private-consult-${interactionId}`,
  /** Joined by the contact alone; its presence webhooks tell the app whether the contact is connected. */
  contactPresence: (interactionId: string) => `presence-contact-${interactionId}`,
  /** One staff member's own events: invitations, workspace changes. */
  user: (userId: string) => `private-user-${userId}`,
  /** The supervisors' live board. */
  supervisors: 'private-supervisors',
  /** Every signed-in staff member: configuration changes that apply live (M1, M3). */
  staff: 'private-staff',
} as const;

const ID = '([A-Za-z0-9_-]{1,64})';
export const channelPatterns = {
  chat: new RegExp(`^private-chat-${ID}$`),
  internal: new RegExp(`^private-internal-${ID}$`),
  consult: new RegExp(`^private-consult-${ID}$`),
  contactPresence: new RegExp(`^presence-contact-${ID}$`),
  user: new RegExp(`^private-user-${ID}$`),
} as const;

export type ParsedChannel =
  | { kind: 'chat' | 'internal' | 'consult' | 'contactPresence'; interactionId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'supervisors' }
  | { kind: 'staff' };

export function parseChannel(name: string): ParsedChannel | null {
  if (name === channels.supervisors) return { kind: 'supervisors' };
  if (name === channels.staff) return { kind: 'staff' };
  for (const kind of ['chat', 'internal', 'consult', 'contactPresence'] as const) {
    const m = channelPatterns[kind].exec(name);
    if (m) return { kind, interactionId: m[1]! };
  }
  const u = channelPatterns.user.exec(name);
  return u ? { kind: 'user', userId: u[1]! } : null;
}

export const CONTACT_PRESENCE_USER = 'contact';

/**
 * Where a stored message is broadcast: the contact-visible stream on the chat's channel; the
 * internal stream on the internal channel (the chat's agents and supervisors), and its
 * consultation thread also on the consultation channel, the only one a consulted colleague hears.
 */
export function messageChannels(m: Pick<MessageDto, 'interactionId' | 'visibility' | 'thread'>): string[] {
  if (m.visibility === 'EVERYONE') return [channels.chat(m.interactionId)];
  return m.thread === 'consultation' ? [channels.internal(m.interactionId), channels.consult(m.interactionId)] : [channels.internal(m.interactionId)];
}

/**
 * Every event name, each tied to its payload type: `broadcast` (lib/realtime/server.ts) and the
 * client's `useEvent` infer the payload from the name. Adding an event is one line here:
 * `myEvent: event<MyPayload>()('my-event'),` (the payload interface goes below).
 */
declare const payloadOf: unique symbol;
/** An event's wire name (a plain string at run time) carrying its payload type for the compiler. */
export type EventDef<N extends string, T> = N & { readonly [payloadOf]?: T };
const event =
  <T>() =>
  <const N extends string>(name: N) =>
    name as EventDef<N, T>;

export const events = {
  message: event<MessageDto>()('message'),
  typing: event<TypingEvent>()('typing'),
  interaction: event<InteractionEvent>()('interaction'),
  contactState: event<ContactStateEvent>()('contact-state'),
  invitation: event<InvitationEvent>()('invitation'),
  invitationResolved: event<InvitationResolvedEvent>()('invitation-resolved'),
  workspace: event<WorkspaceEvent>()('workspace'),
  /** Voice consultation signalling (T4), relayed by the server to one person's user channel. */
  voice: event<VoiceSignal>()('voice'),
  /** private-staff: the admin changed configuration. */
  config: event<ConfigEvent>()('config'),
  /** private-supervisors: board deltas. */
  board: event<BoardDelta>()('board'),
  /** private-internal-{id}: whether the agent is shown as supervised; private-user-{id}: a supervisor was attached (monitor next). */
  supervision: event<SupervisionEvent | SupervisionAttachedEvent>()('supervision'),
} as const;

type Events = typeof events;
export type EventName = Events[keyof Events];
export type EventPayload<E> = E extends EventDef<string, infer T> ? T : never;

/**
 * Keys that identify staff internally (user ids). Nothing on the contact's channel may carry
 * them: the contact sees nicknames only. `broadcast` drops them from every payload it sends on a
 * `private-chat-*` channel, whoever built the payload, so a new event cannot leak them by mistake.
 */
export const STAFF_ONLY_KEYS = ['senderUserId', 'userId', 'ownerId', 'targetUserId'] as const;

/** The payload as the contact's channel carries it: the same object minus the staff-only keys. */
export function contactSafe<T>(data: T): T {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const copy = { ...(data as Record<string, unknown>) };
  for (const k of STAFF_ONLY_KEYS) delete copy[k];
  return copy as T;
}

export type Visibility = 'EVERYONE' | 'INTERNAL';
/** The side conversations of the internal stream: supervisor coaching (S5), consultation (T4). */
export type InternalThread = 'coaching' | 'consultation';
export type SenderType = 'CONTACT' | 'AGENT' | 'SYSTEM';

export type SystemEvent = 'joined' | 'left' | 'ended' | 'transferred' | 'queued';

export interface MessageDto {
  id: string;
  interactionId: string;
  seq: number;
  visibility: Visibility;
  kind: 'TEXT' | 'SYSTEM';
  senderType: SenderType;
  /**
   * Staff-side only (the staff API and the staff-only internal channel): absent on the contact's
   * channel and in the contact API, where the sender is known by `senderName` alone.
   */
  senderUserId?: string | null;
  senderName: string;
  event: SystemEvent | null;
  eventData: Record<string, string> | null;
  text: string;
  clientId: string | null;
  createdAt: string;
  /** INTERNAL messages only: which side conversation; null on the contact's stream. */
  thread: InternalThread | null;
  /** Files sent with the message (lib/attachments/); absent when none. */
  attachments?: AttachmentRef[];
}

/** One file of a message: its id (for the download address), safe name, size in bytes and type detected from its content. */
export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  type: string;
  /** The file was purged or erased (data lifecycle): shown as "file removed", its name and size blanked. */
  removed?: true;
}

export interface TypingEvent {
  who: 'contact' | 'agent';
  /** The nickname (agent) or the name the contact typed: never an internal id. */
  name: string;
  typing: boolean;
}

export type InteractionStatusDto = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'ENDED' | 'DONE';
// The board's row status is exactly this less DONE (a compile-time check, both ways).
true satisfies [BoardStatus] extends [Exclude<InteractionStatusDto, 'DONE'>]
  ? [Exclude<InteractionStatusDto, 'DONE'>] extends [BoardStatus]
    ? true
    : false
  : false;

export interface InteractionEvent {
  interactionId: string;
  status: InteractionStatusDto;
  lastSeq: number;
  queuePosition: number | null;
}

export interface ContactStateEvent {
  interactionId: string;
  connected: boolean;
}

export interface InvitationEvent {
  invitationId: string;
  interactionId: string;
  kind: 'OFFER' | 'TRANSFER' | 'CONFERENCE' | 'CONSULTATION';
  contactName: string;
  subject: string;
  queueName: string;
  expiresAt: string;
  /** Transfer, conference, consultation (T2–T4): who invites, and the chat's last lines (the preview). */
  inviterName?: string;
  lastLines?: string[];
}

export interface InvitationResolvedEvent {
  invitationId: string;
  interactionId: string;
  status: 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED';
  /** Sent to the inviter of a transfer, conference or consultation: what was answered, by whom. */
  kind?: InvitationEvent['kind'];
  targetName?: string;
}

/** Something in this user's list of interactions changed; the client re-reads it. */
export interface WorkspaceEvent {
  interactionId: string;
  reason: 'assigned' | 'ended' | 'done' | 'removed';
}

export type VoiceSignalType = 'ring' | 'accept' | 'decline' | 'offer' | 'answer' | 'ice' | 'hangup';

/** One WebRTC signalling step between two agents of a consultation, on the receiver's user channel. */
export interface VoiceSignal {
  interactionId: string;
  callId: string;
  from: string;
  fromName: string;
  type: VoiceSignalType;
  data?: { sdp?: string; candidate?: string; sdpMid?: string | null; sdpMLineIndex?: number | null };
}

/** The admin changed configuration (on `channels.staff`): open views apply it without a reload. */
export interface ConfigEvent {
  timers: { yellowSec: number; redSec: number };
  dispositionRequired: boolean;
}

/** Supervisor modes on one chat (S4–S6). */
export type SupervisionMode = 'MONITOR' | 'COACH' | 'BARGE_IN';

/** private-internal-{id}: sent only when the admin shows monitoring to agents (monitoringVisible). */
export interface SupervisionEvent {
  interactionId: string;
  monitored: boolean;
}

/** private-user-{supervisorId}: monitor next joined this supervisor to a chat the agent accepted. */
export interface SupervisionAttachedEvent {
  interactionId: string;
  mode: SupervisionMode;
  agentId: string;
}
