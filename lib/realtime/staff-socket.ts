import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { pusherClient } from './server';
import { staffSocketVerdict, type SocketLookup } from './staff-socket-rule';

// Defect 1 (security round 2): staff-only channels go only to sockets signed in as the caller, so
// that terminate_connections (lib/realtime/revoke.ts) reaches every socket holding one. The rule
// is staff-socket-rule.ts; this asks the realtime server.

/** Positive answers only, briefly: a page authorizes its few channels at once. A socket's user never changes to another caller. */
const CACHE_MS = 5_000;
const CACHE_MAX = 5_000;
const signedIn = new Map<string, { userId: string; until: number }>();

/** Which user the realtime server says the socket is signed in as (built-in server: GET /apps/:id/sockets/:socket_id). */
export async function lookupSocketUser(socketId: string): Promise<SocketLookup> {
  const now = Date.now();
  const hit = signedIn.get(socketId);
  if (hit && hit.until > now) return { userId: hit.userId };
  try {
    const res = await pusherClient().get({ path: `/sockets/${encodeURIComponent(socketId)}` });
    const body = (await res.json()) as { user_id?: unknown };
    if (body.user_id !== null && typeof body.user_id !== 'string') throw new Error('unexpected answer');
    const userId = body.user_id;
    if (userId !== null) {
      if (signedIn.size >= CACHE_MAX) signedIn.clear();
      signedIn.set(socketId, { userId, until: now + CACHE_MS });
    }
    return { userId };
  } catch (e) {
    const status = (e as { status?: unknown } | null)?.status;
    logger.error(
      status === 404
        ? 'the realtime server has no socket lookup (GET /apps/:id/sockets/:socket_id): staff channels are refused. On soketi or hosted Pusher set REALTIME_STAFF_SOCKET_CHECK=off (docs/security.md, defect 1)'
        : 'socket lookup failed: staff channel refused',
      { error: String(e), status },
    );
    return 'unavailable';
  }
}

let warnedOff = false;

/**
 * Throws unless this staff caller's socket may be granted a channel: forbidden when it is not
 * signed in as them (the client signs in first: lib/realtime/client.ts), overloaded (503) when the
 * realtime server cannot say.
 */
export async function requireSignedInSocket(userId: string, socketId: string): Promise<void> {
  const check = env.REALTIME_STAFF_SOCKET_CHECK;
  if (check === 'off' && !warnedOff) {
    warnedOff = true;
    logger.warn('REALTIME_STAFF_SOCKET_CHECK=off: a staff socket that never signs in keeps its channels until it disconnects (revocation cannot reach it; docs/security.md, defect 1)');
  }
  const verdict = staffSocketVerdict(check, userId, check === 'off' ? null : await lookupSocketUser(socketId));
  if (verdict === 'notSignedIn') throw new AppError('forbidden', 'sign this socket in as yourself before subscribing');
  if (verdict === 'unavailable') throw new AppError('overloaded', 'the realtime server could not confirm this socket');
}
