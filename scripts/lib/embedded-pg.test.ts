import { describe, expect, it } from 'vitest';
import { unreachableFolder, type StatLike } from './embedded-pg';

const DIR = 0o040000;
function fs(entries: Record<string, StatLike>) {
  return (p: string) => entries[p];
}
const root = (mode: number): StatLike => ({ uid: 0, gid: 0, mode: DIR | mode });

describe('unreachableFolder (can the postgres user reach the binaries and the data?)', () => {
  const pg = { uid: 105, gid: 110 };

  it('finds the 0700 folder on the way (a checkout under /root)', () => {
    const stat = fs({ '/': root(0o755), '/root': root(0o700), '/root/app': root(0o755), '/root/app/.data': root(0o755) });
    expect(unreachableFolder('/root/app/.data', pg, stat)).toBe('/root');
    expect(unreachableFolder('/root/app/.data', undefined, stat)).toBe('/root'); // user not created yet
  });

  it('everything open to others: reachable', () => {
    const stat = fs({ '/': root(0o755), '/srv': root(0o755), '/srv/app': root(0o755) });
    expect(unreachableFolder('/srv/app', pg, stat)).toBeUndefined();
  });

  it('uses the owner and group bits when the folder belongs to the postgres user or group', () => {
    const stat = fs({
      '/': root(0o755),
      '/data': { uid: 105, gid: 0, mode: DIR | 0o700 },
      '/data/g': { uid: 0, gid: 110, mode: DIR | 0o750 },
      '/data/g/no': { uid: 0, gid: 110, mode: DIR | 0o705 },
    });
    expect(unreachableFolder('/data/g', pg, stat)).toBeUndefined();
    expect(unreachableFolder('/data/g/no', pg, stat)).toBe('/data/g/no');
  });

  it('stops at the first folder that does not exist yet (we make it)', () => {
    const stat = fs({ '/': root(0o755), '/srv': root(0o755) });
    expect(unreachableFolder('/srv/new/deeper', pg, stat)).toBeUndefined();
  });
});
