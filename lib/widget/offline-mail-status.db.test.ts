// Issue 18 on real PostgreSQL and a real SMTP server: the agent sees what became of their
// offline answer's mail (queued, retrying with the error, failed, sent), and may send a failed one
// again ("Try again"); only the answer's owner or a supervisor may, and only a failed mail.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';
import { startMailCatcher, type MailCatcher } from '@/lib/mail/catcher';

let f: Fixtures;
let inbox: typeof import('./offline-inbox');
let outbox: typeof import('@/lib/mail/outbox');
let catcher: MailCatcher;
const refuse = new Map<string, number>();
const FROM = 'Chat console <no-reply@console.example>';

beforeAll(async () => {
  f = await loadFixtures();
  inbox = await import('./offline-inbox');
  outbox = await import('@/lib/mail/outbox');
  catcher = await startMailCatcher({ dir: await mkdtemp(path.join(os.tmpdir(), 'offline-mail-')), refuse: (rcpt) => (refuse.has(rcpt) ? { code: refuse.get(rcpt)! } : null) });
});
afterAll(async () => {
  await catcher?.close();
  if (catcher) await rm(catcher.dir, { recursive: true, force: true });
});
beforeEach(() => f.reset());

const transport = () => nodemailer.createTransport(catcher.smtpUrl);

describe('the offline answer mail, as the agent sees it', () => {
  it('shows queued, retrying with the error, failed; Try again (owner or supervisor, failed only) sends it', async () => {
    const email = `mailstatus-${Date.now().toString(36)}@example.org`;
    const { id } = await inbox.submitOfflineMessage({ clientKey: `mail-status-${Date.now()}`, name: 'Mona', email, message: 'Call me', queue: 'Billing', locale: 'en' });
    await inbox.takeOfflineMessage(f.agents.agent1, id);
    await inbox.answerOfflineMessageByEmail(f.agents.agent1, id, 'We will.');
    const seen = async () => (await inbox.listOfflineMessages(f.agents.agent1, { state: 'answered' })).find((r) => r.id === id)!.mail;
    expect(await seen()).toMatchObject({ status: 'pending', attempts: 0, lastError: null });

    // A temporary refusal: still on its way, with the error and the next try.
    refuse.set(email, 451);
    await outbox.deliverDue(f.db, transport(), { from: FROM });
    const retrying = await seen();
    expect(retrying).toMatchObject({ status: 'pending', attempts: 1 });
    expect(retrying!.lastError).toMatch(/451/);
    expect(retrying!.nextAttemptAt).not.toBeNull();
    expect(await errorCode(() => inbox.retryOfflineAnswerMail(f.agents.agent1, id))).toBe('conflict'); // not failed: nothing to do

    // A permanent refusal: failed, with the error, for good.
    refuse.set(email, 550);
    await outbox.deliverDue(f.db, transport(), { from: FROM, now: new Date(Date.now() + 60 * 60 * 1000) });
    const failed = await seen();
    expect(failed).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(failed!.lastError).toMatch(/550/);

    // Another agent may not send it again; the mail is unchanged.
    expect(await errorCode(() => inbox.retryOfflineAnswerMail(f.agents.agent3, id))).toBe('forbidden');
    expect((await seen())!.status).toBe('failed');
    // The supervisor may; so may the owner (here: the owner).
    refuse.clear();
    expect(await inbox.retryOfflineAnswerMail(f.agents.agent1, id)).toEqual({ retried: true });
    expect(await seen()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await errorCode(() => inbox.retryOfflineAnswerMail(f.agents.supervisor, id))).toBe('conflict'); // already on its way again
    await outbox.deliverDue(f.db, transport(), { from: FROM });
    expect(await seen()).toMatchObject({ status: 'sent' });
    expect(await f.db.auditLog.count({ where: { action: 'offlineMessage.retryMail', target: `offlineMessage:${id}` } })).toBe(1);
    // One answer is still one mail row.
    expect(await f.db.mailOutbox.count({ where: { kind: inbox.OFFLINE_ANSWER_MAIL, refId: id } })).toBe(1);

    // A message without an answer has no mail to send again.
    const other = await inbox.submitOfflineMessage({ clientKey: `mail-status-b-${Date.now()}`, name: 'Mona', email, message: 'Again', queue: 'Billing', locale: 'en' });
    expect(await errorCode(() => inbox.retryOfflineAnswerMail(f.agents.supervisor, other.id))).toBe('conflict');
    expect(await errorCode(() => inbox.retryOfflineAnswerMail(f.agents.supervisor, 'cnosuchmessage'))).toBe('notFound');
  });
});
