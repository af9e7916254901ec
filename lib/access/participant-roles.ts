// Who is what in a chat, by Participant role: each set named once and used by every path (Prisma,
// plain pg, SQL text), so that no two paths disagree on who writes or who is a member.
// participant-roles.test.ts pins each set and the paths that use it.
import type { ParticipantRole } from '@/lib/generated/prisma/enums';

/** The agents who hold the chat: its owner and conference participants (capacity, the agent's bar, acting on it). */
export const LIVE_MEMBERS = ['OWNER', 'CONFERENCE'] as const satisfies readonly ParticipantRole[];

/** Who writes to the contact's transcript: the chat's agents, and a supervisor who barged in (S6). */
export const WRITERS = ['OWNER', 'CONFERENCE', 'BARGE_IN'] as const satisfies readonly ParticipantRole[];

/** Staff working in the chat: its agents and anyone consulted (T4); not supervisors. */
export const STAFF_MEMBERS = ['OWNER', 'CONFERENCE', 'CONSULT'] as const satisfies readonly ParticipantRole[];

/** A supervisor's part in a chat (S3–S6): monitoring, coaching or barged in. */
export const SUPERVISING = ['MONITOR', 'COACH', 'BARGE_IN'] as const satisfies readonly ParticipantRole[];

/** Supervising without being heard by the contact (monitor, coach): barge-in is a writer. */
export const SILENT_SUPERVISING = ['MONITOR', 'COACH'] as const satisfies readonly ParticipantRole[];

/** Who writes on the coaching thread of the internal stream (S5): the chat's agents and the coach. */
export const INTERNAL_WRITERS = ['OWNER', 'CONFERENCE', 'COACH'] as const satisfies readonly ParticipantRole[];

/** A set as SQL literals ('OWNER', 'CONFERENCE'), for role IN (…) in raw SQL text. */
export function sqlRoleList(roles: readonly ParticipantRole[]): string {
  return roles.map((r) => `'${r}'`).join(', ');
}
