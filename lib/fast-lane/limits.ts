import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { isIPv6 } from 'node:net';

/**
 * Flood limits of the app's HTTP server (pure parts, unit-tested in limits.test.ts): how many
 * connections the process can hold given its file limit, and per-address counts.
 */

/** The process's limit on open files (RLIMIT_NOFILE, soft): /proc on Linux, else the shell's `ulimit -n`. */
export function processFileLimit(): number | null {
  try {
    return parseProcLimits(fs.readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    try {
      const n = Number(execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
      return Number.isInteger(n) && n > 0 ? n : null; // "unlimited" → NaN → null
    } catch {
      return null;
    }
  }
}

export function parseProcLimits(text: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  const n = Number(soft);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export interface ConnectionBudget {
  /** Node's hard `server.maxConnections`: past it Node drops new sockets at once. */
  hard: number;
  /** Past it new connections are answered 503 + Retry-After (a refusal the client can read). */
  soft: number;
}

/**
 * Connections the server may hold, leaving room under the file limit for everything else the
 * process opens: the database pool, the realtime server's HTTP sockets, Next.js's files, logs.
 * An EMFILE on any of those under a flood would turn refusals into 500s.
 */
export function connectionBudget(fileLimit: number | null, opts: { poolSize: number; configured?: number }): ConnectionBudget {
  const limit = fileLimit ?? 1024;
  const headroom = Math.max(128 + 2 * opts.poolSize, Math.ceil(limit * 0.1));
  const hard = Math.max(16, limit - headroom);
  const wanted = opts.configured ?? hard;
  const soft = Math.max(8, Math.min(wanted, Math.floor(hard * 0.95)));
  return { hard, soft };
}

/** The key of a source address: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  if (!isIPv6(address)) return address;
  // Expand "::" to find the first four groups: one host holds a whole /64.
  const [head, tail] = address.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Per-address counts (open connections, requests in flight). An entry exists only while its
 * count is above zero, so the map holds at most as many keys as there are things counted.
 */
export class AddressCounts {
  private readonly counts = new Map<string, number>();
  constructor(readonly cap: number) {}

  /** Counts one more for `key` unless it is at the cap; false = refused (nothing counted). */
  tryAcquire(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.cap) return false;
    this.counts.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = this.counts.get(key) ?? 0;
    if (n <= 1) this.counts.delete(key);
    else this.counts.set(key, n - 1);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  get keys(): number {
    return this.counts.size;
  }
}
