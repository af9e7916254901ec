// The chat-permission rule, shared by both lanes: chatAction(need) in lib/safe-action.ts and
// withStaff({ chat: need }) for route handlers both go through requireStaffAccess
// (lib/interactions/core/access.ts), which finds the caller's Access and asks this rule.

/** What a staff member is to one chat: a live owner, a conference participant, or a supervisor looking on. */
export type Access = 'owner' | 'participant' | 'supervisor';

/** What a call needs of the chat: `read` (a participant or a supervisor), `act` (a live owner/conference participant), `own` (the owner). */
export type ChatNeed = 'read' | 'act' | 'own';

/**
 * Why a caller with `access` (null: none at all) may not do what `need` asks, or null if they may.
 * No access is `notFound` (not even confirmation that the chat exists); too little is `forbidden`.
 */
export function chatRefusal(access: Access | null, need: ChatNeed): 'notFound' | 'forbidden' | null {
  if (access === null) return 'notFound';
  if (need === 'read') return null;
  if (need === 'act') return access === 'supervisor' ? 'forbidden' : null;
  return access === 'owner' ? null : 'forbidden';
}
