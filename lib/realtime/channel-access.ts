import 'server-only';
import { isConsulted } from '@/lib/collaboration/consultation';
import { staffAccess, type Staff } from '@/lib/interactions/core/access';
import type { ParsedChannel } from './channels';

/**
 * Which channels a staff member may hear (the contact's own rule is the chat secret, in the auth
 * route). A consulted colleague (T4) hears the consultation channel only: not the chat's, and not
 * its internal channel, which carries coaching and supervision (security round 2, defect 9). The
 * chat's agents and supervisors hear both.
 */
export async function staffMayHear(user: Staff, channel: ParsedChannel): Promise<boolean> {
  switch (channel.kind) {
    case 'user':
      return channel.userId === user.id;
    case 'supervisors':
      return user.role === 'SUPERVISOR';
    case 'staff':
      return true;
    case 'chat':
    case 'internal':
      return (await staffAccess(user, channel.interactionId)) !== null;
    case 'consult':
      return (await staffAccess(user, channel.interactionId)) !== null || (await isConsulted(user.id, channel.interactionId));
    case 'contactPresence':
      return false;
  }
}
