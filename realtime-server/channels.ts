import { LIMITS } from './limits';

export interface Subscriber {
  readonly socketId: string;
}

export interface PresenceMember {
  info: unknown;
  /** How many of this user's sockets are subscribed: one member however many tabs. */
  sockets: number;
}

export interface Channel<S extends Subscriber> {
  readonly name: string;
  readonly subscribers: Map<S, string | undefined>; // subscriber -> presence user id
  readonly members: Map<string, PresenceMember> | undefined;
}

export type JoinResult =
  | { ok: true; occupied: boolean; memberAdded: boolean; already: boolean }
  | { ok: false; reason: string };

export interface LeaveResult {
  vacated: boolean;
  memberRemoved: string | undefined;
}

/** Channel membership and presence state; pure bookkeeping, no I/O. */
export class ChannelRegistry<S extends Subscriber> {
  private readonly channels = new Map<string, Channel<S>>();

  get(name: string): Channel<S> | undefined {
    return this.channels.get(name);
  }

  all(): IterableIterator<Channel<S>> {
    return this.channels.values();
  }

  get size(): number {
    return this.channels.size;
  }

  join(name: string, sub: S, member?: { userId: string; info: unknown }): JoinResult {
    let ch = this.channels.get(name);
    if (ch?.subscribers.has(sub)) return { ok: true, occupied: false, memberAdded: false, already: true };
    if (member && ch?.members && !ch.members.has(member.userId) && ch.members.size >= LIMITS.presenceMembers) {
      return { ok: false, reason: `Presence channel ${name} is full (${LIMITS.presenceMembers} members)` };
    }
    const occupied = !ch;
    if (!ch) {
      ch = { name, subscribers: new Map(), members: name.startsWith('presence-') ? new Map() : undefined };
      this.channels.set(name, ch);
    }
    ch.subscribers.set(sub, member?.userId);
    let memberAdded = false;
    if (member && ch.members) {
      const existing = ch.members.get(member.userId);
      if (existing) existing.sockets++;
      else {
        ch.members.set(member.userId, { info: member.info, sockets: 1 });
        memberAdded = true;
      }
    }
    return { ok: true, occupied, memberAdded, already: false };
  }

  leave(name: string, sub: S): LeaveResult | undefined {
    const ch = this.channels.get(name);
    if (!ch || !ch.subscribers.has(sub)) return undefined;
    const userId = ch.subscribers.get(sub);
    ch.subscribers.delete(sub);
    let memberRemoved: string | undefined;
    if (userId !== undefined && ch.members) {
      const m = ch.members.get(userId);
      if (m && --m.sockets <= 0) {
        ch.members.delete(userId);
        memberRemoved = userId;
      }
    }
    const vacated = ch.subscribers.size === 0;
    if (vacated) this.channels.delete(name);
    return { vacated, memberRemoved };
  }
}

export function presencePayload(members: Map<string, PresenceMember>): string {
  const ids: string[] = [];
  const hash: Record<string, unknown> = {};
  for (const [id, m] of members) {
    ids.push(id);
    hash[id] = m.info;
  }
  return JSON.stringify({ presence: { ids, hash, count: ids.length } });
}
