// The group commit (append-batch.ts) against real PostgreSQL: messages sent together share a
// statement, yet each chat's seqs, pending-response fields, idempotency and status checks come
// out exactly as one-by-one appends would leave them.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let stats: { statements: number; messages: number; fallbacks: number };
let appendMessage: typeof import('@/lib/interactions/core/messages').appendMessage;
beforeAll(async () => {
  f = await loadFixtures();
  ({ groupCommitStats: stats, appendMessage } = await import('@/lib/interactions/core/messages'));
});

const text = (interactionId: string, senderType: 'CONTACT' | 'AGENT', body: string) =>
  appendMessage({ interactionId, clientId: cid('t'), senderType, senderName: senderType, text: body, allowedStatuses: ['QUEUED', 'OFFERED', 'ACTIVE'] });
beforeEach(async () => {
  await f.reset();
});

const seqsOf = async (interactionId: string) =>
  (await f.db.message.findMany({ where: { interactionId, visibility: 'EVERYONE' }, select: { seq: true, text: true }, orderBy: { seq: 'asc' } }));

describe('group commit', () => {
  it('stores sends to several chats in shared statements, each chat numbered 1…n in arrival order', async () => {
    const chats = await Promise.all([f.newChat('Batch Ada'), f.newChat('Batch Bo'), f.newChat('Batch Cy')]);
    const before = { ...stats };
    // Appended in one turn of the event loop, in this order: chat k gets "k-1", "k-2", … "k-10".
    const sends = [];
    for (let i = 1; i <= 10; i++) {
      for (const [k, c] of chats.entries()) sends.push(text(c.chatId, 'CONTACT', `${k}-${i}`));
    }
    const sent = (await Promise.all(sends)).map((a) => a.message);
    expect(stats.messages - before.messages, 'messages stored by batch statements').toBe(30);
    expect(stats.statements - before.statements, 'batch statements').toBe(1);
    for (const [k, c] of chats.entries()) {
      const stored = await seqsOf(c.chatId);
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(stored.map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `${k}-${i + 1}`));
      const row = await f.db.interaction.findUniqueOrThrow({ where: { id: c.chatId }, select: { lastSeq: true, pendingSince: true } });
      expect(row.lastSeq).toBe(10);
    }
    expect(sent.map((m) => m.seq).filter((s) => s === 1)).toHaveLength(3);
  });

  it('leaves the pending-response fields as one-by-one appends would', async () => {
    const { agent1 } = f.agents;
    const a = await f.activeFor(agent1);
    const b = await f.activeFor(agent1);
    const c = await f.activeFor(agent1);
    // In one batch — a: contact then agent → answered. b: agent then contact → waiting again.
    // c: contact only → waiting.
    const before = stats.statements;
    await Promise.all([
      text(a.chatId, 'CONTACT', 'question'),
      text(a.chatId, 'AGENT', 'answer'),
      text(b.chatId, 'AGENT', 'hello'),
      text(b.chatId, 'CONTACT', 'one more thing'),
      text(c.chatId, 'CONTACT', 'anyone?'),
    ]);
    expect(stats.statements - before).toBe(1);
    const read = (id: string) => f.db.interaction.findUniqueOrThrow({ where: { id }, select: { pendingSince: true, firstResponseAt: true } });
    const [ra, rb, rc] = await Promise.all([read(a.chatId), read(b.chatId), read(c.chatId)]);
    expect(ra.pendingSince).toBeNull();
    expect(ra.firstResponseAt).not.toBeNull();
    expect(rb.pendingSince).not.toBeNull();
    expect(rb.firstResponseAt).not.toBeNull();
    expect(rc.pendingSince).not.toBeNull();
    expect(rc.firstResponseAt).toBeNull();
  });

  it('stores a client id sent twice in one batch once, and the same client id in two chats twice', async () => {
    const x = await f.newChat('Twice Tia');
    const y = await f.newChat('Twice Uma');
    const id = cid('same');
    const send = (interactionId: string, body: string) =>
      appendMessage({ interactionId, clientId: id, senderType: 'CONTACT', senderName: 'C', text: body, allowedStatuses: ['QUEUED'] }).then((a) => a.message);
    const [m1, m2, m3] = await Promise.all([send(x.chatId, 'only once'), send(x.chatId, 'only once'), send(y.chatId, 'other chat')]);
    expect(m1.id).toBe(m2.id);
    expect(m3.id).not.toBe(m1.id);
    expect((await seqsOf(x.chatId)).map((m) => m.seq)).toEqual([1]);
    expect((await seqsOf(y.chatId)).map((m) => m.seq)).toEqual([1]);
  });

  it('refuses a send to a closed chat in a batch without holding back the others', async () => {
    const open = await f.newChat('Open Ola');
    const closed = await f.newChat('Closed Cleo');
    await f.contactChat.contactEnd(closed.chatId, closed.secret);
    const [ok, refused] = await Promise.all([
      text(open.chatId, 'CONTACT', 'still here'),
      errorCode(() => text(closed.chatId, 'CONTACT', 'too late')),
    ]);
    expect(ok.message.seq).toBe(1);
    expect(refused).toBe('chatClosed');
    expect(await f.db.message.count({ where: { interactionId: closed.chatId, senderType: 'CONTACT' } })).toBe(0);
  });
});
