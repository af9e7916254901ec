// Issue 22: the retention purge removes exactly what expired (per-queue overrides included), in
// batches, once across two concurrent runners, with one audit row of counts; the dry run tells.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let purge: typeof import('./purge');
let settings: typeof import('./settings');
beforeAll(async () => {
  f = await loadFixtures();
  purge = await import('./purge');
  settings = await import('./settings');
});
beforeEach(async () => {
  await f.reset();
  await f.db.setting.deleteMany({ where: { key: { in: ['lifecycle', 'lifecycle.purge'] } } });
  await f.db.auditLog.deleteMany({ where: { action: 'x.test' } });
  settings.forgetCachedLifecycleSettings();
});

const DAY = 86_400_000;

async function finishedChat(daysAgo: number, queueId?: string) {
  const { chatId, secret } = await f.newChat('Old Olga');
  await f.contactChat.contactSend(chatId, secret, { clientId: cid('p'), text: 'hello from the past' });
  const at = new Date(Date.now() - daysAgo * DAY);
  await f.db.interaction.update({ where: { id: chatId }, data: { status: 'DONE', endedAt: at, doneAt: at, ...(queueId ? { queueId } : {}) } });
  return chatId;
}

describe('retention purge', () => {
  it('removes exactly the expired chats (queue override included) in batches, once across two runners', async () => {
    const queues = await f.db.queue.findMany({ select: { id: true } });
    expect(queues.length).toBeGreaterThan(1);
    const [qDefault, qShort] = [queues[0]!.id, queues[1]!.id];
    await f.db.setting.create({ data: { key: 'lifecycle', value: { keepTranscriptsDays: 30, queueTranscriptDays: { [qShort]: 5 } } } });
    settings.forgetCachedLifecycleSettings();

    const expired = [
      await finishedChat(31, qDefault), await finishedChat(40, qDefault), await finishedChat(90, qDefault),
      await finishedChat(6, qShort), await finishedChat(10, qShort),
    ];
    const kept = [await finishedChat(29, qDefault), await finishedChat(6, qDefault), await finishedChat(4, qShort)];
    const live = (await f.newChat('Live Lou')).chatId;
    const oldAudit = await f.db.auditLog.create({ data: { action: 'x.test', target: 'x:1', createdAt: new Date(Date.now() - 400 * DAY) } });

    expect(await purge.purgeDryRun()).toMatchObject({ transcripts: 5, auditLog: 0 });
    // The dry run changed nothing.
    expect(await f.db.interaction.count({ where: { id: { in: expired } } })).toBe(5);

    const auditBefore = await f.db.auditLog.count({ where: { action: 'retention.purge' } });
    const [a, b] = await Promise.all([
      purge.runScheduledPurge({ batchSize: 2 }),
      purge.runScheduledPurge({ batchSize: 2 }),
    ]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
    expect(a ?? b).toMatchObject({ transcripts: 5, auditLog: 0 });

    expect(await f.db.interaction.count({ where: { id: { in: expired } } })).toBe(0);
    expect(await f.db.message.count({ where: { interactionId: { in: expired } } })).toBe(0);
    expect(await f.db.interaction.count({ where: { id: { in: [...kept, live] } } })).toBe(4);
    expect(await f.db.message.count({ where: { interactionId: { in: kept } } })).toBeGreaterThanOrEqual(3);
    expect(await f.db.auditLog.count({ where: { id: oldAudit.id } })).toBe(1); // audit kept forever by default

    const runs = await f.db.auditLog.findMany({ where: { action: 'retention.purge' }, orderBy: { createdAt: 'asc' } });
    expect(runs.length - auditBefore).toBe(1);
    const details = JSON.stringify(runs.at(-1)!.details);
    expect(details).toContain('"transcripts":5');
    expect(details).toContain('"batches"');
    expect(details).not.toContain('hello from the past');

    // Not due again within the interval.
    expect(await purge.runScheduledPurge()).toBeNull();
  });

  it('the audit log is purged past its own retention, and batches stop at the limit', async () => {
    await f.db.setting.create({ data: { key: 'lifecycle', value: { keepAuditDays: 365 } } });
    settings.forgetCachedLifecycleSettings();
    const old = await Promise.all(
      [400, 500, 600].map((d) => f.db.auditLog.create({ data: { action: 'x.test', target: 'x:old', createdAt: new Date(Date.now() - d * DAY) } })),
    );
    const recent = await f.db.auditLog.create({ data: { action: 'x.test', target: 'x:new', createdAt: new Date(Date.now() - 100 * DAY) } });
    const counts = await purge.purgeNow({ actorId: f.agents.admin.id, batchSize: 2 });
    expect(counts.auditLog).toBe(3);
    expect(await f.db.auditLog.count({ where: { id: { in: old.map((o) => o.id) } } })).toBe(0);
    expect(await f.db.auditLog.count({ where: { id: recent.id } })).toBe(1);
  });

  it('the registry takes a new kind of data: it is counted, purged and audited', async () => {
    let left = 5;
    purge.registerPurger({
      kind: 'testKind',
      setting: 'keepAttachmentsDays',
      count: async () => left,
      purgeBatch: async (_ctx, limit) => {
        const n = Math.min(limit, left);
        left -= n;
        return n;
      },
    });
    expect((await purge.purgeDryRun()).testKind).toBe(5);
    expect((await purge.purgeNow({ actorId: null, batchSize: 2 })).testKind).toBe(5);
    expect(left).toBe(0);
  });
});
