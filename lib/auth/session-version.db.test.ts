// Defect 5 (security round 2): sign-out, password reset, role change and deactivation end every
// session. A token carries the account's session version from sign-in; once the version moves
// on, the same cookie opens nothing — in Next.js (currentUser → activeStaff) and in the fast lane
// (staffFromCookie).
import { encode } from 'next-auth/jwt';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, sleep, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let active: typeof import('./active-staff');
let versions: typeof import('./session-version');
let tokens: typeof import('./session-token');
let directory: typeof import('@/lib/admin/directory-admin');
let env: typeof import('@/lib/env').env;

beforeAll(async () => {
  f = await loadFixtures();
  [active, versions, tokens, directory, { env }] = await Promise.all([
    import('./active-staff'),
    import('./session-version'),
    import('./session-token'),
    import('@/lib/admin/directory-admin'),
    import('@/lib/env'),
  ]);
});
beforeEach(async () => {
  await f.reset();
});

const versionOf = async (id: string) => (await f.db.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;
const cookieFor = async (uid: string, sv: number | undefined) =>
  `next-auth.session-token=${await encode({ token: { uid, role: 'AGENT', ...(sv === undefined ? {} : { sv }) }, secret: env.NEXTAUTH_SECRET })}`;
// The fast lane re-reads an account at most every 2 s (session-token.ts ACTIVE_TTL_MS).
const pastCache = () => sleep(2100);

async function fullUser(id: string) {
  const u = await f.db.user.findUniqueOrThrow({ where: { id }, include: { skills: true } });
  return { id, active: u.active, name: u.name, role: u.role, groupId: u.groupId, capacity: u.capacity, nickname: u.nickname, skillIds: u.skills.map((s) => s.skillId) };
}

describe('a session ends with its version', () => {
  it('sign-out (endSessions) closes the copied cookie in Next.js and in the fast lane; a new sign-in works', async () => {
    const { agent1 } = f.agents;
    const v = await versionOf(agent1.id);
    const cookie = await cookieFor(agent1.id, v);
    expect(await active.activeStaff(agent1.id, v)).toMatchObject({ id: agent1.id });
    expect(await tokens.staffFromCookie(cookie)).toMatchObject({ id: agent1.id });
    await versions.endSessions(f.db, agent1.id);
    await pastCache();
    expect(await active.activeStaff(agent1.id, v)).toBeNull();
    expect(await tokens.staffFromCookie(cookie)).toBeNull();
    // A token issued after the sign-out carries the new version.
    expect(await tokens.staffFromCookie(await cookieFor(agent1.id, v + 1))).toMatchObject({ id: agent1.id });
  });

  it('a token without a version (issued before versions existed) opens nothing', async () => {
    const { agent2 } = f.agents;
    expect(await active.activeStaff(agent2.id, undefined)).toBeNull();
    expect(await tokens.staffFromCookie(await cookieFor(agent2.id, undefined))).toBeNull();
  });

  it('a password reset, a role change and a deactivation each end the sessions; a name change does not', async () => {
    const { admin, agent3 } = f.agents;
    let v = await versionOf(agent3.id);
    await directory.resetPassword(admin, { id: agent3.id, password: 'a-new-password-1' });
    expect(await versionOf(agent3.id)).toBe(v + 1);
    expect(await active.activeStaff(agent3.id, v)).toBeNull();

    v = await versionOf(agent3.id);
    await directory.updateUser(admin, { ...(await fullUser(agent3.id)), name: 'Agent Three Renamed' });
    expect(await versionOf(agent3.id)).toBe(v);

    await directory.updateUser(admin, { ...(await fullUser(agent3.id)), role: 'SUPERVISOR' });
    expect(await versionOf(agent3.id)).toBe(v + 1);
    expect(await active.activeStaff(agent3.id, v)).toBeNull();

    v = await versionOf(agent3.id);
    await directory.setUserActive(admin, agent3.id, false);
    expect(await versionOf(agent3.id)).toBe(v + 1);
    await directory.setUserActive(admin, agent3.id, true);
    // Reactivating does not revive a token from before the deactivation.
    expect(await active.activeStaff(agent3.id, v)).toBeNull();
    expect(await active.activeStaff(agent3.id, await versionOf(agent3.id))).toMatchObject({ id: agent3.id, role: 'SUPERVISOR' });
    await directory.updateUser(admin, { ...(await fullUser(agent3.id)), role: 'AGENT', name: 'Agent Three' });
  });
});
