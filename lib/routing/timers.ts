import 'server-only';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { expireDueInvitations } from '@/lib/interactions/agent-chat';
import { expireDueCollaborations } from '@/lib/collaboration/invitations';
import { routeQueued } from './router';

let started = false;

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
    } catch (e) {
      logger.error('timer sweep failed', { error: String(e) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, env.INVITATION_SWEEP_MS);
  timer.unref();
}
