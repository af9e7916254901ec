import 'server-only';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { expireDueInvitations } from '@/lib/interactions/staff/offers';
import { expireDueCollaborations } from '@/lib/collaboration/invitations';
import { sweepRateLimits } from '@/lib/security/rate-limit';
import { runScheduledPurge } from '@/lib/lifecycle/purge';
import { routeQueued } from './router';

let started = false;
const RATE_SWEEP_MS = 60_000;
let lastRateSweep = 0;

/**
 * Invitation deadlines live in the database, so a restart loses none: the next sweep after
 * start-up expires whatever fell due meanwhile. Routing is retried on the same beat, so a chat
 * that could not be offered (no agent free) is offered as soon as one is.
 */
export function startTimers() {
  if (started) return;
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await expireDueInvitations();
      await expireDueCollaborations();
      await routeQueued();
      // Expired rate-limit windows: once a minute is plenty (every instance may do it; deleting
      // rows already gone is harmless).
      if (Date.now() - lastRateSweep >= RATE_SWEEP_MS) {
        lastRateSweep = Date.now();
        await sweepRateLimits();
        // Retention purge (issue 22): claimed by one instance per hour, whichever asks first.
        await runScheduledPurge();
      }
    } catch (e) {
      logger.error('timer sweep failed', { error: String(e) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, env.INVITATION_SWEEP_MS);
  timer.unref();
}
