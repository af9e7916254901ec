// Issue 22 with issues 18 and 19: files and offline messages follow the retention settings and a
// contact's erasure like the transcripts do — rows AND bytes in the file store — and the export
// lists them. Against the real database and a real disk store.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, loadFixtures, type Fixtures } from '@/test/db-fixtures';
import { DiskFileStore } from '@/lib/attachments/store';
import { PDF } from '@/lib/attachments/test-files';

let f: Fixtures;
let purge: typeof import('./purge');
let settings: typeof import('./settings');
let rights: typeof import('./contact-rights');
let a: typeof import('@/lib/attachments/attachments');
let offline: typeof import('@/lib/widget/offline-messages');
let dir: string;
let store: DiskFileStore;
beforeAll(async () => {
  f = await loadFixtures();
  purge = await import('./purge');
  settings = await import('./settings');
  rights = await import('./contact-rights');
  a = await import('@/lib/attachments/attachments');
  offline = await import('@/lib/widget/offline-messages');
  dir = await mkdtemp(path.join(os.tmpdir(), 'lifecycle-kinds-'));
  store = new DiskFileStore(dir);
  (await import('@/lib/attachments/store-env')).useFileStore(store);
});
afterAll(async () => {
  (await import('@/lib/attachments/store-env')).useFileStore(null);
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await f.reset();
  await f.db.setting.deleteMany({ where: { key: { in: ['lifecycle', 'lifecycle.purge'] } } });
  await f.db.offlineMessage.deleteMany({});
  settings.forgetCachedLifecycleSettings();
});

const DAY = 86_400_000;
/** Files are stored by content: each test's files get bytes of their own. */
const unique = (bytes: Uint8Array) => Buffer.concat([Buffer.from(bytes), Buffer.from(`\n%${cid('u')}\n`)]);

async function keep(values: Record<string, number>) {
  await f.db.setting.upsert({ where: { key: 'lifecycle' }, create: { key: 'lifecycle', value: values }, update: { value: values } });
  settings.forgetCachedLifecycleSettings();
}

/** A file the contact sent in a chat; its row backdated `daysAgo`. */
async function sentFile(chat: { chatId: string; secret: string }, bytes: Uint8Array, name: string, daysAgo = 0) {
  const up = await a.uploadAttachment({ interactionId: chat.chatId, uploader: { type: 'CONTACT' }, clientId: cid('file'), name, bytes, address: '10.0.0.9' });
  await f.contactChat.contactSend(chat.chatId, chat.secret, { clientId: cid('m'), text: '', attachmentIds: [up.id] });
  if (daysAgo) await f.db.attachment.update({ where: { id: up.id }, data: { createdAt: new Date(Date.now() - daysAgo * DAY) } });
  const row = await f.db.attachment.findUniqueOrThrow({ where: { id: up.id } });
  return { id: up.id, key: row.storageKey };
}

async function offlineMessage(email: string, daysAgo = 0, contactId: string | null = null) {
  const queue = await f.db.queue.findFirstOrThrow();
  const { id } = await offline.storeOfflineMessage(f.db, { clientKey: cid('om'), queueId: queue.id, contactId, name: 'Olly', email, body: 'call me back please' });
  if (daysAgo) await f.db.offlineMessage.update({ where: { id }, data: { createdAt: new Date(Date.now() - daysAgo * DAY) } });
  return id;
}

describe('retention of files and offline messages', () => {
  it('files past their retention go (row and bytes), newer ones stay; the dry run counted them', async () => {
    const chat = await f.activeFor(f.agents.agent1);
    const old = await sentFile(chat, unique(PDF), 'old.pdf', 11);
    const fresh = await sentFile(chat, unique(PDF), 'fresh.pdf');
    await keep({ keepAttachmentsDays: 10 });
    expect((await purge.purgeDryRun()).attachments).toBe(1);
    expect((await purge.purgeNow({ actorId: null })).attachments).toBe(1);
    expect(await f.db.attachment.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await store.has(old.key)).toBe(false);
    expect(await f.db.attachment.findUnique({ where: { id: fresh.id } })).not.toBeNull();
    expect(await store.has(fresh.key)).toBe(true);
  });

  it('offline messages past their retention go, newer ones stay; kept forever at 0 days', async () => {
    const oldId = await offlineMessage('old@example.org', 40);
    const newId = await offlineMessage('new@example.org', 2);
    await keep({ keepOfflineMessagesDays: 0 });
    expect((await purge.purgeNow({ actorId: null })).offlineMessages).toBe(0);
    await keep({ keepOfflineMessagesDays: 30 });
    expect((await purge.purgeDryRun()).offlineMessages).toBe(1);
    expect((await purge.purgeNow({ actorId: null })).offlineMessages).toBe(1);
    expect(await f.db.offlineMessage.findUnique({ where: { id: oldId } })).toBeNull();
    expect(await f.db.offlineMessage.findUnique({ where: { id: newId } })).not.toBeNull();
  });

  it('a purged transcript takes its files with it', async () => {
    const chat = await f.activeFor(f.agents.agent1);
    const file = await sentFile(chat, unique(PDF), 'in-old-chat.pdf');
    const at = new Date(Date.now() - 40 * DAY);
    await f.db.interaction.update({ where: { id: chat.chatId }, data: { status: 'DONE', endedAt: at, doneAt: at } });
    await keep({ keepTranscriptsDays: 30 });
    expect((await purge.purgeNow({ actorId: null })).transcripts).toBe(1);
    expect(await f.db.attachment.count({ where: { interactionId: chat.chatId } })).toBe(0);
    expect(await store.has(file.key)).toBe(false);
  });
});

describe("a contact's files and offline messages", () => {
  it('are in their export, and erasure removes them (rows, bytes, messages left by their email)', async () => {
    const email = `olly.${Date.now()}@example.org`;
    await f.ready([f.agents.agent1]);
    const chat = await f.contactChat.startChat({ name: 'Olly Offline', question: 'files', language: 'en', email });
    const { contactId } = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId }, select: { contactId: true } });
    await f.db.interaction.update({ where: { id: chat.chatId }, data: { status: 'ACTIVE' } });
    const invoice = unique(PDF);
    const file = await sentFile(chat, invoice, 'invoice.pdf');
    const byEmail = await offlineMessage(email.toUpperCase());
    const byRecord = await offlineMessage('other@example.org', 0, contactId);
    const stranger = await offlineMessage('stranger@example.org');

    const data = (await rights.exportContact(contactId)) as Record<string, unknown>;
    expect(data.attachments).toEqual([expect.objectContaining({ interactionId: chat.chatId, name: 'invoice.pdf', size: invoice.length })]);
    expect((data.offlineMessages as { email: string }[]).map((m) => m.email).sort()).toEqual([email.toUpperCase(), 'other@example.org'].sort());

    await rights.eraseContact(f.agents.admin, contactId);
    expect(await f.db.attachment.count({ where: { id: file.id } })).toBe(0);
    expect(await store.has(file.key)).toBe(false);
    expect(await f.db.offlineMessage.count({ where: { id: { in: [byEmail, byRecord] } } })).toBe(0);
    expect(await f.db.offlineMessage.count({ where: { id: stranger } })).toBe(1);
  });
});
