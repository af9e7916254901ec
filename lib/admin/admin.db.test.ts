// The admin console's data layer on real PostgreSQL (M1–M6): each change and its audit row
// commit together or not at all; deactivating a user never orphans a chat; concurrent edits
// are applied in turn, last write wins, and the audit shows both.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let settingsAdmin: typeof import('./settings-admin');
let directory: typeof import('./directory-admin');
let dispositions: typeof import('./dispositions-admin');
let common: typeof import('./common');
let cases: typeof import('./case-data-admin');

beforeAll(async () => {
  f = await loadFixtures();
  [settingsAdmin, directory, dispositions, common, cases] = await Promise.all([
    import('./settings-admin'),
    import('./directory-admin'),
    import('./dispositions-admin'),
    import('./common'),
    import('./case-data-admin'),
  ]);
});
beforeEach(async () => {
  await f.reset();
});

const auditCount = () => f.db.auditLog.count();
const lastAudit = (target: string) => f.db.auditLog.findFirstOrThrow({ where: { target }, orderBy: { createdAt: 'desc' } });
const unique = (s: string) => `${s} ${Math.random().toString(36).slice(2, 8)}`;

describe('the audit row commits with the change, and only then (M6)', () => {
  it('a settings change writes the new values and one audit row with who, before and after', async () => {
    const { admin } = f.agents;
    const before = await auditCount();
    const after = await settingsAdmin.updateSettings(admin, { pendingYellowSec: 7, pendingRedSec: 14 });
    expect(after).toMatchObject({ pendingYellowSec: 7, pendingRedSec: 14 });
    expect(await f.settings.getSettings()).toMatchObject({ pendingYellowSec: 7, pendingRedSec: 14 });
    expect(await auditCount()).toBe(before + 1);
    const row = await lastAudit('settings:console');
    expect(row).toMatchObject({ actorId: admin.id, action: 'settings.update' });
    expect(row.details).toEqual({ before: { pendingYellowSec: 30, pendingRedSec: 60 }, after: { pendingYellowSec: 7, pendingRedSec: 14 } });
  });

  it('when the audit row cannot be written, the change is rolled back with it', async () => {
    const before = await auditCount();
    // An actor that does not exist: the audit insert fails on its foreign key, inside the transaction.
    await expect(settingsAdmin.updateSettings({ id: 'no-such-admin' }, { pendingYellowSec: 9 })).rejects.toThrow();
    f.settings.forgetCachedSettings();
    expect((await f.settings.getSettings()).pendingYellowSec).toBe(30);
    expect(await auditCount()).toBe(before);

    const name = unique('Ghost code');
    await expect(dispositions.createDisposition({ id: 'no-such-admin' }, name)).rejects.toThrow();
    expect(await f.db.dispositionCode.count({ where: { name } })).toBe(0);
  });

  it('a change that fails writes no audit row (a taken name; a change refused after its first write)', async () => {
    const { admin } = f.agents;
    const before = await auditCount();
    expect(await errorCode(() => dispositions.createDisposition(admin, 'Resolved'))).toBe('alreadyExists');
    expect(await errorCode(() => directory.createGroup(admin, { name: 'Support', genericNickname: null }))).toBe('alreadyExists');
    const codes = await f.db.dispositionCode.count({ where: { name: 'Resolved' } });
    expect(codes).toBe(1);

    // auditedChange itself: a change whose work is done but then throws leaves nothing behind.
    const name = unique('Half done');
    await expect(
      common.auditedChange(admin, async (tx) => {
        await tx.skill.create({ data: { name } });
        throw new Error('boom after the write');
      }),
    ).rejects.toThrow('boom');
    expect(await f.db.skill.count({ where: { name } })).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it('every kind of directory change is audited with readable before → after', async () => {
    const { admin } = f.agents;
    const billing = await f.db.skill.findUniqueOrThrow({ where: { name: 'Billing' } });
    const support = await f.db.group.findUniqueOrThrow({ where: { name: 'Support' } });
    const { id } = await directory.createUser(admin, {
      email: `${unique('n').replace(' ', '.')}@example.com`,
      password: 'password1',
      name: 'Nina New',
      role: 'AGENT',
      groupId: support.id,
      skillIds: [billing.id],
      capacity: 4,
      nickname: 'Nina',
    });
    const created = await lastAudit(`user:${id}`);
    expect(created.action).toBe('user.create');
    expect(created.details).toMatchObject({ before: null, after: { name: 'Nina New', role: 'AGENT', group: 'Support', skills: ['Billing'], capacity: 4, nickname: 'Nina', active: true } });
    expect(JSON.stringify(created.details)).not.toContain('scrypt');

    await directory.resetPassword(admin, { id, password: 'another-one' });
    const reset = await lastAudit(`user:${id}`);
    expect(reset.action).toBe('user.resetPassword');
    expect(JSON.stringify(reset.details)).not.toMatch(/another-one|scrypt/);

    const field = await cases.createCaseField(admin, { key: unique('k').replace(' ', '_'), label: 'Order', labelFr: 'Commande', type: 'LIST', options: ['A', 'B'], sortOrder: 20, visible: true, agentEditable: false });
    await cases.updateCaseField(admin, { id: field.id, label: 'Order', labelFr: 'Commande', type: 'NUMBER', options: ['A'], sortOrder: 21, visible: false, agentEditable: true });
    const stored = await f.db.caseDataField.findUniqueOrThrow({ where: { id: field.id } });
    expect(stored).toMatchObject({ type: 'NUMBER', options: [], visible: false, agentEditable: true, sortOrder: 21 });
    const upd = await lastAudit(`caseField:${field.id}`);
    expect(upd.details).toMatchObject({ before: { type: 'LIST', options: ['A', 'B'], visible: true }, after: { type: 'NUMBER', options: [] } });
  });
});

describe('deactivating a user never orphans a chat (M4)', () => {
  it('is refused while they own a live chat; nothing changes and nothing is audited', async () => {
    const { admin, agent1 } = f.agents;
    const chat = await f.activeFor(agent1);
    const before = await auditCount();
    expect(await errorCode(() => directory.setUserActive(admin, agent1.id, false))).toBe('userHasLiveChats');
    const u = await f.db.user.findUniqueOrThrow({ where: { id: agent1.id } });
    expect(u.active).toBe(true);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).ownerId).toBe(agent1.id);
    expect(await auditCount()).toBe(before);

    // Made admin (no longer handles chats): refused the same way.
    const full = await f.db.user.findUniqueOrThrow({ where: { id: agent1.id }, include: { skills: true } });
    expect(
      await errorCode(() =>
        directory.updateUser(admin, { id: agent1.id, active: true, name: full.name, role: 'ADMIN', groupId: full.groupId, capacity: full.capacity, nickname: full.nickname, skillIds: full.skills.map((s) => s.skillId) }),
      ),
    ).toBe('userHasLiveChats');
    expect((await f.db.user.findUniqueOrThrow({ where: { id: agent1.id } })).role).toBe('AGENT');

    // Once the chat is finished they can be deactivated.
    await f.agentChat.agentEnd(agent1, chat.chatId);
    await f.agentChat.markDone(agent1, chat.chatId);
    await directory.setUserActive(admin, agent1.id, false);
    expect(await f.db.user.findUniqueOrThrow({ where: { id: agent1.id } })).toMatchObject({ active: false, agentStatus: 'LOGGED_OUT' });
    expect((await lastAudit(`user:${agent1.id}`)).details).toMatchObject({ before: { active: true }, after: { active: false } });
    await directory.setUserActive(admin, agent1.id, true);
  });

  it('an offer waiting for their answer goes back through routing to another agent', async () => {
    const { admin, agent2, agent3 } = f.agents;
    const chat = await f.offeredTo(agent2);
    // agent3 is Ready too (after the offer was made), so routing has somewhere to send it.
    await f.ready([agent3]);
    await directory.setUserActive(admin, agent2.id, false);
    expect((await f.db.invitation.findUniqueOrThrow({ where: { id: chat.invitationId } })).status).toBe('CANCELLED');
    await f.router.routeQueued();
    const offers = await f.pendingOffers(chat.chatId);
    expect(offers.map((o) => o.targetUserId)).toEqual([agent3.id]);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).status).toBe('OFFERED');
    await directory.setUserActive(admin, agent2.id, true);
  });

  it('an admin cannot deactivate or demote themselves', async () => {
    const { admin } = f.agents;
    expect(await errorCode(() => directory.setUserActive(admin, admin.id, false))).toBe('cannotChangeSelf');
  });
});

describe('concurrent edits: last write wins, the audit shows both', () => {
  it('two admins saving the same timer at once', async () => {
    const { admin } = f.agents;
    const before = await auditCount();
    await Promise.all([settingsAdmin.updateSettings(admin, { pendingYellowSec: 11 }), settingsAdmin.updateSettings(admin, { pendingYellowSec: 22 })]);
    const rows = await f.db.auditLog.findMany({ where: { target: 'settings:console' }, orderBy: { createdAt: 'desc' }, take: 2 });
    expect(await auditCount()).toBe(before + 2);
    const [last, first] = rows.map((r) => r.details as { before: { pendingYellowSec: number }; after: { pendingYellowSec: number } });
    // Applied in turn: the second replaced what the first wrote, and the stored value is the last.
    expect(first!.before.pendingYellowSec).toBe(30);
    expect(last!.before.pendingYellowSec).toBe(first!.after.pendingYellowSec);
    f.settings.forgetCachedSettings();
    expect((await f.settings.getSettings()).pendingYellowSec).toBe(last!.after.pendingYellowSec);
    expect(new Set([first!.after.pendingYellowSec, last!.after.pendingYellowSec])).toEqual(new Set([11, 22]));
  });

  it('different fields saved at once both survive', async () => {
    const { admin } = f.agents;
    await Promise.all([settingsAdmin.updateSettings(admin, { typingTimeoutSec: 9 }), settingsAdmin.updateSettings(admin, { dispositionRequired: true })]);
    f.settings.forgetCachedSettings();
    expect(await f.settings.getSettings()).toMatchObject({ typingTimeoutSec: 9, dispositionRequired: true });
  });

  it('two admins renaming one group at once', async () => {
    const { admin } = f.agents;
    const g = await directory.createGroup(admin, { name: unique('Race'), genericNickname: null });
    const [a, b] = [unique('Alpha'), unique('Beta')];
    await Promise.all([directory.updateGroup(admin, { id: g.id, name: a, genericNickname: 'A' }), directory.updateGroup(admin, { id: g.id, name: b, genericNickname: 'B' })]);
    const rows = await f.db.auditLog.findMany({ where: { target: `group:${g.id}`, action: 'group.update' }, orderBy: { createdAt: 'asc' } });
    expect(rows).toHaveLength(2);
    const [first, second] = rows.map((r) => r.details as { before: { name: string }; after: { name: string } });
    expect(second!.before.name).toBe(first!.after.name);
    expect((await f.db.group.findUniqueOrThrow({ where: { id: g.id } })).name).toBe(second!.after.name);
    await directory.deleteGroup(admin, g.id);
  });
});

describe('disposition codes (M3)', () => {
  it('add, rename, reorder, retire and restore; a retired code stays on its chat', async () => {
    const { admin, agent1 } = f.agents;
    const name = unique('Callback');
    const { id } = await dispositions.createDisposition(admin, name);
    let list = await dispositions.listDispositions();
    expect(list.at(-1)!.id).toBe(id);
    await dispositions.moveDisposition(admin, id, 'up');
    list = await dispositions.listDispositions();
    expect(list.at(-2)!.id).toBe(id);
    expect(list.map((c) => c.sortOrder)).toEqual(list.map((_c, i) => i));

    const chat = await f.activeFor(agent1);
    await f.agentChat.setDisposition(agent1, chat.chatId, id);
    await dispositions.setDispositionRetired(admin, id, true);
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId } })).dispositionId).toBe(id);
    const ws = await f.agentChat.workspace(agent1);
    expect(ws.dispositions.map((d) => d.id)).not.toContain(id);
    await dispositions.setDispositionRetired(admin, id, false);
    await dispositions.renameDisposition(admin, id, `${name} (renamed)`);
    expect((await f.db.dispositionCode.findUniqueOrThrow({ where: { id } })).name).toBe(`${name} (renamed)`);
    const actions = (await f.db.auditLog.findMany({ where: { target: `disposition:${id}` }, orderBy: { createdAt: 'asc' } })).map((r) => r.action);
    expect(actions).toEqual(['disposition.create', 'disposition.reorder', 'disposition.retire', 'disposition.restore', 'disposition.rename']);
    await f.agentChat.agentEnd(agent1, chat.chatId);
    await f.db.interaction.update({ where: { id: chat.chatId }, data: { dispositionId: null } });
    await f.db.dispositionCode.delete({ where: { id } });
  });
});

describe('queues and routing points (M4)', () => {
  it('exactly one default queue; a routing point targets a queue and optionally a skill', async () => {
    const { admin } = f.agents;
    const main = await f.db.queue.findUniqueOrThrow({ where: { name: 'Main' } });
    expect(await errorCode(() => directory.updateQueue(admin, { id: main.id, name: 'Main', skillId: null, isDefault: false }))).toBe('defaultQueueRequired');
    const q = await directory.createQueue(admin, { name: unique('VIP'), skillId: null, isDefault: true });
    expect(await f.db.queue.count({ where: { isDefault: true } })).toBe(1);
    await directory.updateQueue(admin, { id: main.id, name: 'Main', skillId: null, isDefault: true });
    expect((await f.db.queue.findMany({ where: { isDefault: true } })).map((x) => x.id)).toEqual([main.id]);

    const french = await f.db.skill.findUniqueOrThrow({ where: { name: 'French' } });
    const rp = await directory.createRoutingPoint(admin, { name: unique('Entry'), queueId: q.id, skillId: french.id });
    expect(await errorCode(() => directory.deleteQueue(admin, q.id))).toBe('inUse');
    expect(await errorCode(() => directory.deleteSkill(admin, french.id))).toBe('inUse');
    await directory.deleteRoutingPoint(admin, rp.id);
    await directory.deleteQueue(admin, q.id);
    expect(await f.db.queue.count({ where: { id: q.id } })).toBe(0);
  });
});
