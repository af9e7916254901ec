// Attachments against real PostgreSQL and a real disk store: idempotent upload and send, nothing
// visible from a failed commit, orphans collected, internal files never readable by the contact,
// and the retention/erasure functions.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';
import { PDF, PNG_16 } from './test-files';
import { DiskFileStore } from './store';

let f: Fixtures;
let a: typeof import('./attachments');
let dir: string;
let store: DiskFileStore;

beforeAll(async () => {
  f = await loadFixtures();
  a = await import('./attachments');
  dir = await mkdtemp(path.join(os.tmpdir(), 'att-db-'));
  store = new DiskFileStore(dir);
  (await import('./store-env')).useFileStore(store);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await f.reset();
  await f.db.attachment.deleteMany({});
});

const keyCount = async () => f.db.attachment.groupBy({ by: ['storageKey'] }).then((r) => r.length);

describe('upload and send with files', () => {
  it('an upload retried under the same client id, then its send retried, stores one file and one message', async () => {
    const { chatId, secret } = await f.activeFor(f.agents.agent1);
    const up = () => a.uploadAttachment({ interactionId: chatId, uploader: { type: 'CONTACT' }, clientId: 'file-abc-1', name: 'shot.png', bytes: PNG_16, address: '10.0.0.1' });
    const [first, second] = await Promise.all([up(), up()]);
    const third = await up();
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(first).toMatchObject({ name: 'shot.png', size: PNG_16.length, type: 'image/png' });
    expect(await f.db.attachment.count({ where: { interactionId: chatId } })).toBe(1);

    const clientId = cid('with-file');
    const send = () => f.contactChat.contactSend(chatId, secret, { clientId, text: '', attachmentIds: [first.id] });
    const m1 = await send();
    const m2 = await send();
    expect(m2.id).toBe(m1.id);
    expect(m1.attachments).toEqual([first]);
    expect(await f.db.message.count({ where: { interactionId: chatId, clientId } })).toBe(1);
    const row = await f.db.attachment.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.messageId).toBe(m1.id);
    // the transcript read carries the file, and the contact reads identical bytes
    const state = await f.contactChat.contactChatState(chatId, secret, 0);
    expect(state.messages.find((m) => m.id === m1.id)?.attachments).toEqual([first]);
    const file = await a.readAttachment({ interactionId: chatId, fileId: first.id, reader: 'contact' });
    expect(Buffer.from(file.bytes).equals(PNG_16)).toBe(true);
    // a sent file cannot be claimed again by another message
    expect(await errorCode(() => f.contactChat.contactSend(chatId, secret, { clientId: cid('again'), text: 'x', attachmentIds: [first.id] }))).toBe('invalidInput');
  });

  it('a refused file stores nothing (HTML dressed as .png)', async () => {
    const { chatId } = await f.newChat();
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await expect(a.uploadAttachment({ interactionId: chatId, uploader: { type: 'CONTACT' }, clientId: 'file-html-1', name: 'cat.png', bytes: html, address: '10.0.0.2' })).rejects.toMatchObject({ reason: 'typeNotAllowed' });
    expect(await f.db.attachment.count({ where: { interactionId: chatId } })).toBe(0);
  });

  it("files are the uploader's own: another sender cannot send them", async () => {
    const { chatId } = await f.activeFor(f.agents.agent1);
    const file = await a.uploadAttachment({ interactionId: chatId, uploader: { type: 'CONTACT' }, clientId: 'file-own-1', name: 'a.pdf', bytes: PDF, address: '10.0.0.3' });
    expect(await errorCode(() => f.agentChat.agentSend(f.agents.agent1, chatId, { clientId: cid('steal'), text: 'mine', attachmentIds: [file.id] }))).toBe('invalidInput');
  });
});

describe('a failed commit and the collector', () => {
  it('leaves no visible message, the file unreadable, and the orphan collected (row and bytes)', async () => {
    const { chatId, secret } = await f.activeFor(f.agents.agent1);
    const file = await a.uploadAttachment({ interactionId: chatId, uploader: { type: 'CONTACT' }, clientId: 'file-orph-1', name: 'inv.pdf', bytes: PDF, address: '10.0.0.4' });
    const key = (await f.db.attachment.findUniqueOrThrow({ where: { id: file.id } })).storageKey;
    expect(await store.has(key)).toBe(true);
    await f.contactChat.contactEnd(chatId, secret); // the chat closes before the send commits
    expect(await errorCode(() => f.contactChat.contactSend(chatId, secret, { clientId: cid('late'), text: 'here', attachmentIds: [file.id] }))).toBe('chatClosed');
    const [{ n }] = await f.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Message" WHERE "interactionId" = ${chatId} AND attachments IS NOT NULL`;
    expect(n).toBe(0);
    expect(await errorCode(() => a.readAttachment({ interactionId: chatId, fileId: file.id, reader: 'staff' }))).toBe('notFound');
    // within the grace period the upload is left alone; past it, collected
    expect(await a.collectOrphans({ graceMs: 60_000 })).toEqual({ rows: 0, files: 0 });
    expect(await a.collectOrphans({ graceMs: 0, now: new Date(Date.now() + 1000) })).toEqual({ rows: 1, files: 1 });
    expect(await f.db.attachment.count({ where: { id: file.id } })).toBe(0);
    expect(await store.has(key)).toBe(false);
  });

  it('keeps bytes another row still refers to (content-addressed)', async () => {
    const one = await f.activeFor(f.agents.agent1);
    const two = await f.newChat('Second');
    const sent = await a.uploadAttachment({ interactionId: one.chatId, uploader: { type: 'CONTACT' }, clientId: 'file-shared-1', name: 'x.pdf', bytes: PDF, address: '10.0.0.5' });
    await f.contactChat.contactSend(one.chatId, one.secret, { clientId: cid('s'), text: '', attachmentIds: [sent.id] });
    await a.uploadAttachment({ interactionId: two.chatId, uploader: { type: 'CONTACT' }, clientId: 'file-shared-2', name: 'y.pdf', bytes: PDF, address: '10.0.0.5' });
    expect(await keyCount()).toBe(1);
    expect(await a.collectOrphans({ graceMs: 0, now: new Date(Date.now() + 1000) })).toEqual({ rows: 1, files: 0 });
    const file = await a.readAttachment({ interactionId: one.chatId, fileId: sent.id, reader: 'contact' });
    expect(Buffer.from(file.bytes).equals(PDF)).toBe(true);
  });
});

describe('visibility: internal files never reach the contact', () => {
  it('a file on an internal message is readable by staff, not found for the contact', async () => {
    const { chatId } = await f.activeFor(f.agents.agent1);
    const file = await a.uploadAttachment({ interactionId: chatId, uploader: { type: 'AGENT', userId: f.agents.agent1.id }, clientId: 'file-int-1', name: 'note.pdf', bytes: PDF, address: '10.0.0.6' });
    await a.sendWithAttachments(
      { interactionId: chatId, visibility: 'INTERNAL', thread: 'coaching', clientId: cid('coach'), senderType: 'AGENT', senderUserId: f.agents.agent1.id, senderName: 'A', text: '', allowedStatuses: ['ACTIVE'] },
      [file.id],
      { type: 'AGENT', userId: f.agents.agent1.id },
    );
    expect((await a.readAttachment({ interactionId: chatId, fileId: file.id, reader: 'staff' })).name).toBe('note.pdf');
    expect(await errorCode(() => a.readAttachment({ interactionId: chatId, fileId: file.id, reader: 'contact' }))).toBe('notFound');
    // the consulted agent (T4) reads the consultation thread's files only, not the coaching ones
    expect(await errorCode(() => a.readAttachment({ interactionId: chatId, fileId: file.id, reader: 'consultant' }))).toBe('notFound');
    const cons = await a.uploadAttachment({ interactionId: chatId, uploader: { type: 'AGENT', userId: f.agents.agent1.id }, clientId: 'file-cons-1', name: 'policy.pdf', bytes: PDF, address: '10.0.0.6' });
    await a.sendWithAttachments(
      { interactionId: chatId, visibility: 'INTERNAL', thread: 'consultation', clientId: cid('cons'), senderType: 'AGENT', senderUserId: f.agents.agent1.id, senderName: 'A', text: '', allowedStatuses: ['ACTIVE'] },
      [cons.id],
      { type: 'AGENT', userId: f.agents.agent1.id },
    );
    expect((await a.readAttachment({ interactionId: chatId, fileId: cons.id, reader: 'consultant' })).name).toBe('policy.pdf');
    expect(await errorCode(() => a.readAttachment({ interactionId: chatId, fileId: cons.id, reader: 'contact' }))).toBe('notFound');
    // and not through another chat's id either
    const other = await f.newChat('Other');
    expect(await errorCode(() => a.readAttachment({ interactionId: other.chatId, fileId: file.id, reader: 'staff' }))).toBe('notFound');
  });
});

describe('retention and erasure (for the data-lifecycle stream)', () => {
  it('deletes the files of given chats, of a contact, and older than a date: rows and bytes', async () => {
    const one = await f.activeFor(f.agents.agent1);
    const up = (chatId: string, clientId: string, bytes: Buffer) => a.uploadAttachment({ interactionId: chatId, uploader: { type: 'CONTACT' }, clientId, name: 'f.pdf', bytes, address: '10.0.0.7' });
    const b1 = Buffer.from('%PDF-1.4\n% one\n%%EOF\n');
    const b2 = Buffer.from('%PDF-1.4\n% two\n%%EOF\n');
    const b3 = Buffer.from('%PDF-1.4\n% three\n%%EOF\n');
    await up(one.chatId, 'file-ret-1', b1);
    const two = await f.newChat('Two');
    await up(two.chatId, 'file-ret-2', b2);
    expect(await a.deleteAttachmentsOfInteractions([one.chatId], store)).toEqual({ rows: 1, files: 1 });
    expect(await f.db.attachment.count({ where: { interactionId: two.chatId } })).toBe(1);

    const contactId = (await f.db.interaction.findUniqueOrThrow({ where: { id: two.chatId }, select: { contactId: true } })).contactId;
    expect(await a.eraseContactAttachments(contactId, store)).toEqual({ rows: 1, files: 1 });

    const three = await f.newChat('Three');
    await up(three.chatId, 'file-ret-3', b3);
    expect(await a.deleteAttachmentsOlderThan(new Date(Date.now() - 60_000), store)).toEqual({ rows: 0, files: 0 });
    expect(await a.deleteAttachmentsOlderThan(new Date(Date.now() + 60_000), store)).toEqual({ rows: 1, files: 1 });
    expect(await f.db.attachment.count()).toBe(0);
  });
});

describe('a purged or erased file shows as removed, not as a link to missing bytes', () => {
  it('the message keeps its place; the purged file becomes { removed } with no name, the kept one is untouched', async () => {
    const { chatId, secret } = await f.activeFor(f.agents.agent1);
    const up = (clientId: string, name: string, bytes: Buffer) => a.uploadAttachment({ interactionId: chatId, uploader: { type: 'CONTACT' }, clientId, name, bytes, address: '10.0.0.8' });
    const old = await up('file-purge-1', 'old invoice.pdf', Buffer.from('%PDF-1.4\n% old\n%%EOF\n'));
    const kept = await up('file-purge-2', 'shot.png', PNG_16);
    const m = await f.contactChat.contactSend(chatId, secret, { clientId: cid('purge'), text: 'two files', attachmentIds: [old.id, kept.id] });
    await f.db.attachment.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 86_400_000) } });

    expect(await a.deleteAttachmentsOlderThan(new Date(Date.now() - 3_600_000), store)).toEqual({ rows: 1, files: 1 });
    const state = await f.contactChat.contactChatState(chatId, secret, 0);
    const shown = state.messages.find((x) => x.id === m.id);
    expect(shown?.text).toBe('two files');
    expect(shown?.attachments).toEqual([{ id: old.id, name: '', size: 0, type: '', removed: true }, kept]);
    expect(await errorCode(() => a.readAttachment({ interactionId: chatId, fileId: old.id, reader: 'contact' }))).toBe('notFound');

    // erasure of the chat's files: both removed, in the same order
    await a.deleteAttachmentsOfInteractions([chatId], store);
    const after = (await f.contactChat.contactChatState(chatId, secret, 0)).messages.find((x) => x.id === m.id);
    expect(after?.attachments?.map((x) => [x.id, x.removed, x.name])).toEqual([
      [old.id, true, ''],
      [kept.id, true, ''],
    ]);
  });
});
