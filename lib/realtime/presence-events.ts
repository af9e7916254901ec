import { channelPatterns, CONTACT_PRESENCE_USER } from './channels';

/** One event of a presence webhook batch (Pusher's shape; user_id is on presence events). */
export interface PresenceWebhookEvent {
  name: string;
  channel: string;
  user_id?: string;
}

/**
 * The contact's final state per chat in one webhook batch. A batch is in order and shares one
 * time, so "joined then left" within it must end "left": applying the events one by one with
 * the batch's time would keep the first and drop the second as not newer. Events of other
 * members (staff on the contact's presence channel) and of other channels are ignored.
 */
export function contactPresenceChanges(batch: readonly PresenceWebhookEvent[]): Map<string, boolean> {
  const last = new Map<string, boolean>();
  for (const e of batch) {
    if (e.name !== 'member_added' && e.name !== 'member_removed') continue;
    const m = channelPatterns.contactPresence.exec(e.channel);
    if (!m || e.user_id !== CONTACT_PRESENCE_USER) continue;
    last.delete(m[1]!); // keep the map in the order of each chat's last event
    last.set(m[1]!, e.name === 'member_added');
  }
  return last;
}
