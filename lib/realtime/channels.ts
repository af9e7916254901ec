// Every channel name and event payload, in one place. What a contact must never see travels on
// channels their chat secret can never authorize (see app/api/pusher/auth/route.ts).

export const channels = {
  /** The contact-visible stream of one chat: contact, its agents and supervisors. */
  chat: (interactionId: string) => `private-chat-${interactionId}`,
  /** Internal-only traffic of one chat (coaching, consultation): staff only, never the contact. */
  internal: (interactionId: string) => `private-internal-${interactionId}`,
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
  contactPresence: new RegExp(`^presence-contact-${ID}$`),
  user: new RegExp(`^private-user-${ID}$`),
} as const;

export type ParsedChannel =
  | { kind: 'chat' | 'internal' | 'contactPresence'; interactionId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'supervisors' }
  | { kind: 'staff' };

export function parseChannel(name: string): ParsedChannel | null {
  if (name === channels.supervisors) return { kind: 'supervisors' };
  if (name === channels.staff) return { kind: 'staff' };
  for (const kind of ['chat', 'internal', 'contactPresence'] as const) {
    const m = channelPatterns[kind].exec(name);
    if (m) return { kind, interactionId: m[1]! };
  }
  const u = channelPatterns.user.exec(name);
  return u ? { kind: 'user', userId: u[1]! } : null;
}

export const CONTACT_PRESENCE_USER = 'contact';

export const events = {
  message: 'message',
  typing: 'typing',
  interaction: 'interaction',
  contactState: 'contact-state',
  invitation: 'invitation',
  invitationResolved: 'invitation-resolved',
  workspace: 'workspace',
  /** Voice consultation signalling (T4), relayed by the server to one person's user channel. */
  voice: 'voice',
  config: 'config',
  /** private-supervisors: board deltas (lib/supervisor/board.ts BoardDelta). */
  board: 'board',
  /** private-internal-{id}: whether the agent is shown as supervised; private-user-{id}: a supervisor was attached (monitor next). */
  supervision: 'supervision',
} as const;

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
  senderUserId: string | null;
  senderName: string;
  event: SystemEvent | null;
  eventData: Record<string, string> | null;
  text: string;
  clientId: string | null;
  createdAt: string;
  /** INTERNAL messages only: which side conversation; null on the contact's stream. */
  thread: InternalThread | null;
}

export interface TypingEvent {
  who: 'contact' | 'agent';
  userId?: string;
  name: string;
  typing: boolean;
}

export type InteractionStatusDto = 'QUEUED' | 'OFFERED' | 'ACTIVE' | 'ENDED' | 'DONE';

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
