// The mail outbox on real PostgreSQL with a real SMTP catcher (issue 18): a mail is stored once
// under retries, a failing SMTP server is retried with back-off and the mail then delivered once,
// and a permanent failure is recorded and visible through mailStatus.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, resetDb } from '@/test/db';
import { type MailCatcher, startMailCatcher } from './catcher';
import { renderTranscriptMail } from './templates';

let db: Awaited<ReturnType<typeof getDb>>;
let outbox: typeof import('./outbox');
let catcher: MailCatcher;
// recipients the catcher refuses: address → SMTP code (451 = try later, 550 = no such mailbox)
const refuse = new Map<string, number>();
const FROM = 'Chat console <no-reply@console.example>';

beforeAll(async () => {
  db = await getDb();
  outbox = await import('./outbox');
  catcher = await startMailCatcher({
    dir: await mkdtemp(path.join(os.tmpdir(), 'outbox-')),
    refuse: (rcpt) => (refuse.has(rcpt) ? { code: refuse.get(rcpt)! } : null),
  });
});
afterAll(async () => {
  await catcher?.close();
  if (catcher) await rm(catcher.dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await resetDb();
  refuse.clear();
  for (const f of await readdir(catcher.dir)) await rm(path.join(catcher.dir, f));
});

const transport = () => nodemailer.createTransport(catcher.smtpUrl);
async function caught() {
  const files = (await readdir(catcher.dir)).sort();
  return Promise.all(files.map(async (f) => simpleParser(await readFile(path.join(catcher.dir, f)))));
}
function mail(to: string, refId: string) {
  const r = renderTranscriptMail('en', { startedAt: new Date('2026-12-03T10:00:00Z'), lines: [{ at: new Date('2026-12-03T10:01:00Z'), author: 'Sam', text: 'Hello <b>there</b>' }] });
  return { to, kind: 'transcript', refId, locale: 'en' as const, ...r };
}

describe('mail outbox', () => {
  it('stores a mail once under retries (sequential and concurrent) and delivers it once', async () => {
    const first = await outbox.queueMail(db, mail('ada@example.com', 'chat-1'));
    expect(first.created).toBe(true);
    const again = await outbox.queueMail(db, { ...mail('ada@example.com', 'chat-1'), subject: 'changed' });
    expect(again).toEqual({ id: first.id, created: false });
    const burst = await Promise.all(Array.from({ length: 6 }, () => outbox.queueMail(db, mail('bob@example.com', 'chat-2'))));
    expect(burst.filter((b) => b.created)).toHaveLength(1);
    expect(new Set(burst.map((b) => b.id)).size).toBe(1);
    expect(await db.mailOutbox.count()).toBe(2);

    // two senders at once (two app instances): each mail is claimed by one of them
    const results = await Promise.all([outbox.deliverDue(db, transport(), { from: FROM }), outbox.deliverDue(db, transport(), { from: FROM })]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(2);
    expect(await outbox.deliverDue(db, transport(), { from: FROM })).toEqual({ sent: 0, retried: 0, failed: 0 });
    const mails = await caught();
    expect(mails.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual(['ada@example.com', 'bob@example.com']);
    const ada = mails.find((m) => !Array.isArray(m.to) && m.to?.text === 'ada@example.com')!;
    expect(ada.subject).toBe('Your chat transcript'); // the first content is kept
    expect(ada.messageId).toBe(`<${first.id}@console.example>`);
    expect(ada.text).toContain('Sam: Hello <b>there</b>');
    expect(ada.html).toContain('Hello &lt;b&gt;there&lt;/b&gt;');
    const status = await outbox.mailStatus(db, { kind: 'transcript', refId: 'chat-1' });
    expect(status).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null });
  });

  it('refuses bad input and stores nothing', async () => {
    for (const bad of [{ to: 'not-an-address' }, { subject: '  ' }, { kind: 'Bad Kind' }, { refId: '' }, { locale: 'de' }]) {
      await expect(outbox.queueMail(db, { ...mail('ada@example.com', 'x'), ...bad } as never)).rejects.toBeInstanceOf(outbox.MailInputError);
    }
    expect(await db.mailOutbox.count()).toBe(0);
  });

  it('retries a failing SMTP server with back-off, then delivers the mail once', async () => {
    const { id } = await outbox.queueMail(db, mail('later@example.com', 'chat-3'));
    const t0 = new Date();
    // the server is down: nothing listens on that port
    const down = nodemailer.createTransport({ host: '127.0.0.1', port: 1, connectionTimeout: 2000 });
    expect(await outbox.deliverDue(db, down, { from: FROM, now: t0 })).toEqual({ sent: 0, retried: 1, failed: 0 });
    let s = await outbox.mailStatus(db, { id });
    expect(s).toMatchObject({ status: 'pending', attempts: 1 });
    expect(s!.lastError).toMatch(/ECONNREFUSED|ESOCKET/);
    expect(s!.nextAttemptAt!.getTime()).toBe(t0.getTime() + 30_000);
    // not due yet: nothing is tried
    expect(await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(t0.getTime() + 29_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    // the server answers 451 (try again later): the second back-off step is one minute
    refuse.set('later@example.com', 451);
    expect(await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(t0.getTime() + 30_000) })).toEqual({ sent: 0, retried: 1, failed: 0 });
    s = await outbox.mailStatus(db, { id });
    expect(s).toMatchObject({ status: 'pending', attempts: 2 });
    expect(s!.lastError).toMatch(/451/);
    expect(s!.nextAttemptAt!.getTime()).toBe(t0.getTime() + 30_000 + 60_000);
    refuse.clear();
    expect(await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(t0.getTime() + 90_000) })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await outbox.mailStatus(db, { id })).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(await caught()).toHaveLength(1);
  });

  it('records a permanent failure (5xx) at once, visible to a UI, and an agent can try again', async () => {
    const { id } = await outbox.queueMail(db, mail('nobody@example.com', 'chat-4'));
    refuse.set('nobody@example.com', 550);
    expect(await outbox.deliverDue(db, transport(), { from: FROM })).toEqual({ sent: 0, retried: 0, failed: 1 });
    const s = await outbox.mailStatus(db, { kind: 'transcript', refId: 'chat-4' });
    expect(s).toMatchObject({ id, status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(s!.lastError).toMatch(/550/);
    expect((await outbox.mailStatuses(db, 'transcript', ['chat-4', 'none'])).get('chat-4')?.status).toBe('failed');
    // failed stays failed: the sender does not pick it up again
    expect(await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(Date.now() + 3_600_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await caught()).toHaveLength(0);
    // the mailbox is fixed, an agent presses Try again: delivered
    refuse.clear();
    expect(await outbox.retryFailedMail(db, id)).toBe(true);
    expect(await outbox.retryFailedMail(db, id)).toBe(false);
    expect(await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(Date.now() + 1000) })).toMatchObject({ sent: 1 });
    expect(await caught()).toHaveLength(1);
  });

  it('gives up after the last attempt of temporary failures', async () => {
    const { id } = await outbox.queueMail(db, mail('flaky@example.com', 'chat-5'));
    refuse.set('flaky@example.com', 421);
    let now = Date.now();
    for (let i = 0; i < 8; i++) {
      await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(now) });
      now += 31 * 60_000; // past any back-off step
    }
    expect(await outbox.mailStatus(db, { id })).toMatchObject({ status: 'failed', attempts: 8 });
  });

  it('takes a mail back when its sender died mid-send (lease expired)', async () => {
    const { id } = await outbox.queueMail(db, mail('ada@example.com', 'chat-6'));
    const t0 = new Date();
    // a sender claimed it and never came back
    const stuck = { sendMail: () => new Promise<never>(() => {}) };
    void outbox.deliverDue(db, stuck, { from: FROM, now: t0 });
    await expect.poll(async () => (await outbox.mailStatus(db, { id }))?.status).toBe('sending');
    expect(await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(t0.getTime() + 60_000) })).toMatchObject({ sent: 0 });
    expect(await outbox.deliverDue(db, transport(), { from: FROM, now: new Date(t0.getTime() + outbox.LEASE_MS + 1) })).toMatchObject({ sent: 1 });
    expect(await outbox.mailStatus(db, { id })).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
