import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/audit';
import { mailStatus, mailStatuses, queueMail, retryFailedMail, type MailState } from '@/lib/mail/outbox';
import { renderOfflineAnswerMail } from '@/lib/mail/templates';
import { requireStaffAccess, type Staff } from '@/lib/interactions/core/access';
import { contactQueue } from './hours-store';
import { storeOfflineMessage } from './offline-messages';
import type { OfflineMessageForm, OfflineState } from './offline-schemas';
import { languageSkillName, mayServeOffline, offlineRequiredSkill } from './offline-access';

/**
 * Offline messages (issue 18): what a contact leaves when a queue is offline, and the agents'
 * inbox. Access: the contact side is public (the route rate-limits it); the staff side is for
 * agents and supervisors, checked by the actions (agentAction) — these functions check only
 * what depends on the row (who owns it, its state), in the statement that changes it.
 */

/**
 * Stores the contact's message once per client key, routed to the queue they reached, attached
 * to the contact record their email matches (or a new one), with its audit row — all in one
 * transaction, so a message exists exactly when its row and audit entry do.
 */
export async function submitOfflineMessage(input: OfflineMessageForm): Promise<{ id: string; created: boolean }> {
  const queue = await contactQueue(input.queue);
  if (!queue) throw new AppError('invalidInput', 'unknown queue');
  const already = await db.offlineMessage.findUnique({ where: { clientKey: input.clientKey }, select: { id: true } });
  if (already) return { id: already.id, created: false };
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const match = await tx.contactEmail.findUnique({ where: { email: input.email }, select: { contactId: true } });
        const contactId = match?.contactId ?? (await tx.contact.create({ data: { name: input.name, emails: { create: { email: input.email } } }, select: { id: true } })).id;
        const stored = await storeOfflineMessage(tx, { clientKey: input.clientKey, queueId: queue.id, contactId, name: input.name, email: input.email, body: input.message, locale: input.locale });
        if (stored.created) {
          // No name, email or text in the audit log: it outlives the message (retention, erasure).
          await recordAudit(tx, { actorId: null, action: 'offlineMessage.receive', target: `offlineMessage:${stored.id}`, after: { queue: queue.name, contactId, state: 'new' } });
        }
        return stored;
      });
    } catch (e) {
      // Two first messages from one new address: the second insert of the email loses; run again, it matches.
      if (attempt >= 3 || (e as { code?: string } | null)?.code !== 'P2002') throw e;
    }
  }
}

export interface OfflineMessageRow {
  id: string;
  name: string;
  email: string;
  body: string;
  queue: string;
  state: OfflineState;
  owner: { id: string; name: string } | null;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  /** The answer mail's delivery (the outbox's state), once answered; attempts > 0 while pending: retrying. */
  mail: { status: MailState; lastError: string | null; attempts: number; nextAttemptAt: string | null } | null;
}

async function rows(where: { state?: OfflineState; contactId?: string; id?: string | { in: string[] } }, take: number): Promise<OfflineMessageRow[]> {
  const list = await db.offlineMessage.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
  const [queues, owners] = await Promise.all([
    db.queue.findMany({ where: { id: { in: [...new Set(list.map((m) => m.queueId))] } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: [...new Set(list.flatMap((m) => (m.ownerId ? [m.ownerId] : [])))] } }, select: { id: true, name: true, nickname: true } }),
  ]);
  const mails = await mailStatuses(db, OFFLINE_ANSWER_MAIL, list.filter((m) => m.state === 'answered').map((m) => m.id));
  const queueName = new Map(queues.map((q) => [q.id, q.name]));
  const owner = new Map(owners.map((u) => [u.id, { id: u.id, name: u.nickname && u.nickname !== u.name ? `${u.nickname} (${u.name})` : u.name }]));
  return list.map((m) => ({
    id: m.id,
    name: m.name,
    email: m.email,
    body: m.body,
    queue: queueName.get(m.queueId) ?? '—',
    state: m.state as OfflineState,
    owner: m.ownerId ? (owner.get(m.ownerId) ?? null) : null,
    answer: m.answer,
    answeredAt: m.answeredAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    mail: mailView(mails.get(m.id)),
  }));
}

function mailView(m: { status: MailState; lastError: string | null; attempts: number; nextAttemptAt: Date | null } | undefined): OfflineMessageRow['mail'] {
  if (!m) return null;
  return { status: m.status, lastError: m.lastError, attempts: m.attempts, nextAttemptAt: m.status === 'pending' || m.status === 'sending' ? (m.nextAttemptAt?.toISOString() ?? null) : null };
}

export const OFFLINE_PAGE = 100;

/**
 * The inbox, newest first. Supervisors see every queue's messages; an agent only those routing
 * would offer them as a chat (offline-access.ts): the queue's skill, else the message's language
 * skill, when that skill exists. The SQL says what `offlineRequiredSkill` + `mayServeOffline` say.
 */
export async function listOfflineMessages(user: Staff, opts: { state?: OfflineState } = {}): Promise<OfflineMessageRow[]> {
  if (user.role === 'SUPERVISOR') return rows(opts.state ? { state: opts.state } : {}, OFFLINE_PAGE);
  if (user.role !== 'AGENT') return [];
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "OfflineMessage" m JOIN "Queue" q ON q.id = m."queueId"
     WHERE (${opts.state ?? null}::text IS NULL OR m.state::text = ${opts.state ?? null})
       AND (
         CASE WHEN q."skillId" IS NOT NULL THEN EXISTS (SELECT 1 FROM "UserSkill" us WHERE us."userId" = ${user.id} AND us."skillId" = q."skillId")
              ELSE NOT EXISTS (SELECT 1 FROM "Skill" k WHERE k.name = CASE WHEN lower(m.locale) LIKE 'fr%' THEN 'French' ELSE 'English' END)
                OR EXISTS (SELECT 1 FROM "UserSkill" us JOIN "Skill" k ON k.id = us."skillId"
                            WHERE us."userId" = ${user.id} AND k.name = CASE WHEN lower(m.locale) LIKE 'fr%' THEN 'French' ELSE 'English' END)
         END)
     ORDER BY m."createdAt" DESC, m.id DESC LIMIT ${OFFLINE_PAGE}`;
  return rows({ id: { in: ids.map((r) => r.id) } }, OFFLINE_PAGE);
}

/** Refuses a message the caller would not be offered (another queue's skill, another language). */
async function requireMayServe(tx: Tx, user: Staff, id: string): Promise<void> {
  if (user.role === 'SUPERVISOR') return;
  const m = await tx.offlineMessage.findUnique({ where: { id }, select: { locale: true, queueId: true } });
  if (!m) throw new AppError('notFound');
  const [queue, langs, mine] = await Promise.all([
    tx.queue.findUnique({ where: { id: m.queueId }, select: { skillId: true } }),
    tx.skill.findMany({ where: { name: languageSkillName(m.locale) }, select: { id: true, name: true } }),
    tx.userSkill.findMany({ where: { userId: user.id }, select: { skillId: true } }),
  ]);
  const required = offlineRequiredSkill(queue?.skillId ?? null, m.locale, Object.fromEntries(langs.map((l) => [l.name, l.id])));
  if (!mayServeOffline({ role: user.role, skillIds: mine.map((s) => s.skillId) }, required)) throw new AppError('forbidden', 'this message needs a skill you do not have');
}

/**
 * Takes a new message: one conditional update, so of two agents racing only one becomes its
 * owner. Taking one's own message again is a no-op; anyone else's is refused.
 */
export async function takeOfflineMessage(user: Staff, id: string): Promise<{ taken: boolean }> {
  return db.$transaction(async (tx) => {
    await requireMayServe(tx, user, id);
    const won = await tx.offlineMessage.updateMany({ where: { id, state: 'new', ownerId: null }, data: { state: 'inProgress', ownerId: user.id } });
    if (won.count === 1) {
      await recordAudit(tx, { actorId: user.id, action: 'offlineMessage.take', target: `offlineMessage:${id}`, before: { state: 'new', ownerId: null }, after: { state: 'inProgress', ownerId: user.id } });
      return { taken: true };
    }
    const m = await tx.offlineMessage.findUnique({ where: { id }, select: { ownerId: true, state: true } });
    if (!m) throw new AppError('notFound');
    if (m.ownerId === user.id && m.state === 'inProgress') return { taken: false };
    throw new AppError('conflict', m.state === 'answered' ? 'this message is already answered' : 'another agent took this message');
  });
}

/** What the answer mail needs (the mail itself is queued by the caller's hook, in the same transaction). */
export interface AnsweredMessage {
  id: string;
  email: string;
  name: string;
  locale: string;
  body: string;
  answer: string;
  agentName: string;
}

/**
 * Answers a message the caller owns: state → answered with the text, in one conditional update
 * (a second answer, or someone else's, changes nothing). `onAnswered` runs in the same
 * transaction — the mail outbox write — so the answer and its mail are stored together or not at all.
 */
export async function answerOfflineMessage(
  user: Staff,
  id: string,
  answer: string,
  onAnswered?: (tx: Tx, m: AnsweredMessage) => Promise<void>,
): Promise<{ answered: true }> {
  return db.$transaction(async (tx) => {
    const done = await tx.offlineMessage.updateMany({ where: { id, ownerId: user.id, state: 'inProgress' }, data: { state: 'answered', answer, answeredAt: new Date() } });
    if (done.count === 0) {
      const m = await tx.offlineMessage.findUnique({ where: { id }, select: { ownerId: true, state: true } });
      if (!m) throw new AppError('notFound');
      if (m.ownerId !== user.id) throw new AppError('forbidden', m.ownerId ? 'another agent owns this message' : 'take the message first');
      throw new AppError('conflict', 'this message is already answered');
    }
    const m = await tx.offlineMessage.findUniqueOrThrow({ where: { id } });
    const me = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, nickname: true } });
    await recordAudit(tx, { actorId: user.id, action: 'offlineMessage.answer', target: `offlineMessage:${id}`, before: { state: 'inProgress' }, after: { state: 'answered' } });
    await onAnswered?.(tx, { id, email: m.email, name: m.name, locale: m.locale, body: m.body, answer, agentName: me.nickname ?? me.name });
    return { answered: true as const };
  });
}

export const OFFLINE_ANSWER_MAIL = 'offline-answer';

/**
 * The agent's answer by email: the state change and the mail (to the contact's address, in the
 * language they wrote in, quoting their message) are stored in one transaction; the outbox then
 * delivers it, retrying with back-off, so nothing is lost and one answer is one mail.
 */
export function answerOfflineMessageByEmail(user: Staff, id: string, answer: string) {
  return answerOfflineMessage(user, id, answer, async (tx, m) => {
    const locale = m.locale === 'fr-CA' ? 'fr-CA' : 'en';
    await queueMail(tx, { to: m.email, ...renderOfflineAnswerMail(locale, { name: m.name, question: m.body, answer: m.answer }), kind: OFFLINE_ANSWER_MAIL, refId: m.id, locale });
  });
}

/** A12: the offline messages (and answers) of the contact behind a chat the caller may read. */
export async function contactOfflineHistory(user: Staff, interactionId: string): Promise<OfflineMessageRow[]> {
  await requireStaffAccess(user, interactionId, 'read');
  const chat = await db.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { contactId: true } });
  return rows({ contactId: chat.contactId }, 50);
}

/**
 * "Try again" on an answer mail that failed for good (a 5xx, or every attempt used): the outbox
 * sends it again from the first attempt. The answer's owner or a supervisor (who sees every
 * queue) may; a mail that did not fail is a conflict and nothing changes. Audited.
 */
export async function retryOfflineAnswerMail(user: Staff, id: string): Promise<{ retried: true }> {
  return db.$transaction(async (tx) => {
    const m = await tx.offlineMessage.findUnique({ where: { id }, select: { ownerId: true, state: true } });
    if (!m) throw new AppError('notFound');
    if (user.role !== 'SUPERVISOR' && m.ownerId !== user.id) throw new AppError('forbidden', 'only the agent who answered, or a supervisor, may send the answer again');
    const mail = await mailStatus(tx, { kind: OFFLINE_ANSWER_MAIL, refId: id });
    if (m.state !== 'answered' || !mail) throw new AppError('conflict', 'this message has no answer mail');
    if (!(await retryFailedMail(tx, mail.id))) throw new AppError('conflict', 'the answer mail has not failed');
    await recordAudit(tx, { actorId: user.id, action: 'offlineMessage.retryMail', target: `offlineMessage:${id}`, before: { mail: 'failed', lastError: mail.lastError }, after: { mail: 'pending' } });
    return { retried: true as const };
  });
}
