// Security round 2, defect 1: a staff socket that never signs in (pusher:signin) is out of reach
// of terminate_connections, so it would keep whatever channels it was granted after transfer,
// Mark Done, sign-out, deactivation or demotion. The rule: /api/pusher/auth grants a staff caller
// a channel only for a socket that the realtime server says is signed in as that same caller.
// Contacts never sign in: their chat-secret path is not concerned.

/**
 * How the check is made (env REALTIME_STAFF_SOCKET_CHECK):
 * - `signed-in` (default): ask the realtime server which user the socket is signed in as
 *   (GET /apps/:id/sockets/:socket_id, built-in server only); unknown → refused.
 * - `off`: no check, for Pusher-protocol servers without that lookup (soketi, hosted Pusher).
 *   A staff socket that never signs in then keeps its channels until it disconnects; the app
 *   says so in its log (once) — never silently.
 */
export type StaffSocketCheck = 'signed-in' | 'off';

/** What the realtime server said about the socket: the user it is signed in as (null: none), or no answer. */
export type SocketLookup = { userId: string | null } | 'unavailable';

export type StaffSocketVerdict = 'grant' | 'notSignedIn' | 'unavailable';

/** Whether a staff caller's socket may be granted a channel, given what the realtime server said (a lookup is made only when checking). */
export function staffSocketVerdict(check: StaffSocketCheck, callerId: string, lookup: SocketLookup | null): StaffSocketVerdict {
  if (check === 'off') return 'grant';
  if (lookup === null || lookup === 'unavailable') return 'unavailable';
  return callerId !== '' && lookup.userId === callerId ? 'grant' : 'notSignedIn';
}
