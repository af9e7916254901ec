// Business hours and the offline inbox on real PostgreSQL (issue 18): the admin's schedule is
// saved whole or not at all (with its audit row), a chat start outside hours is refused, an
// offline message is stored once and routed to its queue, exactly one of racing agents takes it,
// and only its owner answers it, once.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let inbox: typeof import('./offline-inbox');
let hours: typeof import('./hours-store');

beforeAll(async () => {
  f = await loadFixtures();
  inbox = await import('./offline-inbox');
  hours = await import('./hours-store');
});
beforeEach(async () => {
  await f.reset();
  hours.forgetCachedHours();
  await f.db.offlineMessage.deleteMany();
});

const queueId = async (name: string) => (await f.db.queue.findUniqueOrThrow({ where: { name } })).id;
const form = (clientKey: string, extra: Record<string, unknown> = {}) => ({
  clientKey,
  name: 'Olive Offline',
  email: 'olive@example.com',
  message: 'Please call me back tomorrow',
  queue: 'Billing',
  locale: 'en' as const,
  ...extra,
});
/** Open one minute a week, a week away from now: closed now whatever the day. */
const closedNow = () => {
  const now = new Date();
  const day = ((now.getUTCDay() + 3) % 7) as 0;
  return { alwaysOpen: false, timeZone: 'UTC', intervals: [{ day, start: '03:00', end: '03:01' }], holidays: [] };
};

describe('business hours settings', () => {
  it('saves per-queue schedules with an audit row; a bad schedule saves nothing', async () => {
    const billing = await queueId('Billing');
    await hours.saveBusinessHours(f.agents.admin, { offlineWhenNoAgent: false, queues: [{ queueId: billing, ...closedNow() }] });
    expect((await hours.hoursConfig()).queues[billing]?.alwaysOpen).toBe(false);
    const audit = await f.db.auditLog.findMany({ where: { action: 'settings.businessHours' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(f.agents.admin.id);

    const bad = [
      { queueId: billing, alwaysOpen: false, timeZone: 'Nowhere/Land', intervals: [], holidays: [] },
      { queueId: billing, alwaysOpen: false, timeZone: 'UTC', intervals: [{ day: 1, start: '09:00', end: '09:00' }], holidays: [] },
      { queueId: billing, alwaysOpen: false, timeZone: 'UTC', intervals: [{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '11:00', end: '13:00' }], holidays: [] },
      { queueId: billing, alwaysOpen: false, timeZone: 'UTC', intervals: [], holidays: ['2026-02-3x'] },
      { queueId: 'no-such-queue', alwaysOpen: true, timeZone: 'UTC', intervals: [], holidays: [] },
    ];
    for (const q of bad) {
      hours.forgetCachedHours();
      expect(await errorCode(() => hours.saveBusinessHours(f.agents.admin, { offlineWhenNoAgent: true, queues: [q] }))).toBe('invalidInput');
    }
    expect(await errorCode(() => hours.saveBusinessHours(f.agents.admin, { offlineWhenNoAgent: true, queues: [{ queueId: billing, ...closedNow() }, { queueId: billing, ...closedNow() }] }))).toBe('invalidInput');
    hours.forgetCachedHours();
    expect((await hours.hoursConfig()).offlineWhenNoAgent).toBe(false);
    expect(await f.db.auditLog.count({ where: { action: 'settings.businessHours' } })).toBe(1);
    // another queue's save keeps Billing's schedule and the switch (not sent)
    await hours.saveBusinessHours(f.agents.admin, { queues: [{ queueId: await queueId('Main'), alwaysOpen: true, timeZone: 'UTC', intervals: [], holidays: [] }] });
    const after = await hours.hoursConfig();
    expect(after.queues[billing]?.alwaysOpen).toBe(false);
    expect(after.offlineWhenNoAgent).toBe(false);
  });

  it('the server refuses to start a chat outside hours, and when no agent of the queue is logged in', async () => {
    const billing = await queueId('Billing');
    await hours.saveBusinessHours(f.agents.admin, { offlineWhenNoAgent: true, queues: [{ queueId: billing, ...closedNow() }] });
    const before = await f.db.interaction.count();
    expect(await errorCode(() => f.newChat('Closed Casey', { queue: 'Billing' }))).toBe('queueOffline');
    // Main has no schedule: unaffected
    await f.newChat('Main Casey');
    expect(await f.db.interaction.count()).toBe(before + 1);

    // open all week, but nobody with the Billing skill signed in
    const allWeek = { alwaysOpen: false, timeZone: 'UTC', intervals: ([0, 1, 2, 3, 4, 5, 6] as const).map((day) => ({ day, start: '00:00', end: '24:00' })), holidays: [] };
    await hours.saveBusinessHours(f.agents.admin, { offlineWhenNoAgent: true, queues: [{ queueId: billing, ...allWeek }] });
    await f.db.user.updateMany({ data: { agentStatus: 'LOGGED_OUT' } });
    expect(await errorCode(() => f.newChat('Nobody Casey', { queue: 'Billing' }))).toBe('queueOffline');
    await f.db.user.update({ where: { id: f.agents.agent1.id }, data: { agentStatus: 'NOT_READY' } }); // has Billing
    hours.forgetCachedHours();
    await f.newChat('Somebody Casey', { queue: 'Billing' });
    // the rule turned off: open with nobody signed in
    await f.db.user.updateMany({ data: { agentStatus: 'LOGGED_OUT' } });
    await hours.saveBusinessHours(f.agents.admin, { offlineWhenNoAgent: false, queues: [{ queueId: billing, ...allWeek }] });
    await f.newChat('Queued Casey', { queue: 'Billing' });
    await f.db.user.updateMany({ data: { agentStatus: 'NOT_READY' } });
  });
});

describe('offline inbox', () => {
  it('a message is stored once under retries, routed to its queue, on the contact its email matches, and audited once', async () => {
    const sent = await Promise.all(Array.from({ length: 5 }, () => inbox.submitOfflineMessage(form('olive-key-1'))));
    expect(new Set(sent.map((s) => s.id)).size).toBe(1);
    expect(sent.filter((s) => s.created)).toHaveLength(1);
    const again = await inbox.submitOfflineMessage(form('olive-key-1', { message: 'changed' }));
    expect(again).toEqual({ id: sent[0]!.id, created: false });
    const m = await f.db.offlineMessage.findUniqueOrThrow({ where: { id: sent[0]!.id } });
    expect(m.queueId).toBe(await queueId('Billing'));
    expect(m.body).toBe('Please call me back tomorrow');
    const email = await f.db.contactEmail.findUniqueOrThrow({ where: { email: 'olive@example.com' } });
    expect(m.contactId).toBe(email.contactId);
    expect(await f.db.auditLog.count({ where: { action: 'offlineMessage.receive', target: `offlineMessage:${m.id}` } })).toBe(1);
    // a second message from the same address joins the same contact
    const second = await inbox.submitOfflineMessage(form('olive-key-2', { queue: undefined }));
    const m2 = await f.db.offlineMessage.findUniqueOrThrow({ where: { id: second.id } });
    expect(m2.contactId).toBe(email.contactId);
    expect(m2.queueId).toBe(await queueId('Main'));
    expect(await errorCode(() => inbox.submitOfflineMessage(form('olive-key-3', { queue: 'Nope' })))).toBe('invalidInput');
  });

  it('of agents racing to take a message exactly one owns it; the others are refused and change nothing', async () => {
    const { id } = await inbox.submitOfflineMessage(form('race-key'));
    const racers = [f.agents.agent1, f.agents.agent2, f.agents.agent3, f.agents.agent4, f.agents.supervisor];
    const results = await Promise.allSettled(racers.map((a) => inbox.takeOfflineMessage(a, id)));
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' && r.value.taken ? [racers[i]!] : []));
    expect(winners).toHaveLength(1);
    // Billing's skill: agent2, agent3 and agent4 lack it and are refused outright (as routing would not offer them the chat).
    const refusals = results.flatMap((r, i) => (r.status === 'rejected' ? [[racers[i]!.id, (r as PromiseRejectedResult).reason.code]] : []));
    expect(Object.fromEntries(refusals)).toEqual({
      [f.agents.agent2.id]: 'forbidden',
      [f.agents.agent3.id]: 'forbidden',
      [f.agents.agent4.id]: 'forbidden',
      ...(winners[0]!.id === f.agents.agent1.id ? { [f.agents.supervisor.id]: 'conflict' } : { [f.agents.agent1.id]: 'conflict' }),
    });
    const m = await f.db.offlineMessage.findUniqueOrThrow({ where: { id } });
    expect(m).toMatchObject({ state: 'inProgress', ownerId: winners[0]!.id });
    expect(await f.db.auditLog.count({ where: { action: 'offlineMessage.take', target: `offlineMessage:${id}` } })).toBe(1);
    // the owner taking again is a no-op
    expect(await inbox.takeOfflineMessage(winners[0]!, id)).toEqual({ taken: false });
  });

  it('only the owner answers, once; the answer and its hook commit together', async () => {
    const { id } = await inbox.submitOfflineMessage(form('answer-key'));
    expect(await errorCode(() => inbox.answerOfflineMessage(f.agents.agent1, id, 'Hello'))).toBe('forbidden'); // not taken yet
    await inbox.takeOfflineMessage(f.agents.agent1, id);
    expect(await errorCode(() => inbox.answerOfflineMessage(f.agents.agent2, id, 'Mine now'))).toBe('forbidden');
    // a failing hook (the mail outbox) rolls the answer back
    await expect(inbox.answerOfflineMessage(f.agents.agent1, id, 'Lost?', async () => { throw new Error('outbox down'); })).rejects.toThrow('outbox down');
    expect(await f.db.offlineMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'inProgress', answer: null });
    const seen: string[] = [];
    await inbox.answerOfflineMessage(f.agents.agent1, id, 'We will call you at 10.', async (_tx, m) => void seen.push(`${m.email}|${m.answer}|${m.agentName}`));
    expect(seen).toEqual(['olive@example.com|We will call you at 10.|Alex']);
    const m = await f.db.offlineMessage.findUniqueOrThrow({ where: { id } });
    expect(m).toMatchObject({ state: 'answered', answer: 'We will call you at 10.', ownerId: f.agents.agent1.id });
    expect(m.answeredAt).not.toBeNull();
    expect(await errorCode(() => inbox.answerOfflineMessage(f.agents.agent1, id, 'Again'))).toBe('conflict');
    expect(await errorCode(() => inbox.takeOfflineMessage(f.agents.supervisor, id))).toBe('conflict');
    expect(await errorCode(() => inbox.takeOfflineMessage(f.agents.agent2, id))).toBe('forbidden'); // not Billing
    expect((await f.db.offlineMessage.findUniqueOrThrow({ where: { id } })).answer).toBe('We will call you at 10.');
    expect(await f.db.auditLog.count({ where: { action: 'offlineMessage.answer', target: `offlineMessage:${id}` } })).toBe(1);
    const list = await inbox.listOfflineMessages(f.agents.agent1, { state: 'answered' });
    expect(list.map((r) => [r.id, r.owner?.name, r.queue])).toEqual([[id, 'Alex (Agent One)', 'Billing']]);
  });

  it('the answer by email queues one mail in the contact’s language with the state change; the contact’s history shows both', async () => {
    // Main has no skill: a message written in French is agent2's (French), as a French chat would be.
    const { id } = await inbox.submitOfflineMessage(form('mail-key', { locale: 'fr-CA', email: 'fleur@example.com', name: 'Fleur', queue: 'Main' }));
    await inbox.takeOfflineMessage(f.agents.agent2, id);
    await inbox.answerOfflineMessageByEmail(f.agents.agent2, id, 'Nous vous rappelons demain.');
    expect(await errorCode(() => inbox.answerOfflineMessageByEmail(f.agents.agent2, id, 'Encore'))).toBe('conflict');
    const mails = await f.db.mailOutbox.findMany({ where: { kind: inbox.OFFLINE_ANSWER_MAIL, refId: id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'fleur@example.com', locale: 'fr-CA' });
    expect(mails[0]!.text).toContain('Nous vous rappelons demain.');
    expect(mails[0]!.text).toContain('> Please call me back tomorrow');
    expect((await inbox.listOfflineMessages(f.agents.agent2, { state: 'answered' }))[0]?.mail?.status).toBe('pending');

    // A12: a chat of the same contact (matched by email) shows the message and the answer to its participants
    await f.ready([f.agents.agent1]);
    const chat = await f.contactChat.startChat({ name: 'Fleur', email: 'fleur@example.com', question: 'Suite', language: 'en' });
    await f.drainRouting();
    await f.router.routeQueued();
    const offer = await f.db.invitation.findFirstOrThrow({ where: { interactionId: chat.chatId, status: 'PENDING' } });
    await f.agentChat.acceptInvitation(f.agents.agent1, offer.id);
    const history = await inbox.contactOfflineHistory(f.agents.agent1, chat.chatId);
    expect(history.map((h) => [h.body, h.answer, h.state])).toEqual([['Please call me back tomorrow', 'Nous vous rappelons demain.', 'answered']]);
    // someone not in that chat may not read it
    expect(await errorCode(() => inbox.contactOfflineHistory(f.agents.agent3, chat.chatId))).toBe('notFound');
  });
  it('agents see and take only the messages routing would offer them; supervisors see all (queue skill, else language skill)', async () => {
    const billingEn = await inbox.submitOfflineMessage(form('filter-billing-en', { email: 'filter1@example.com' }));
    const mainEn = await inbox.submitOfflineMessage(form('filter-main-en', { email: 'filter2@example.com', queue: 'Main' }));
    const mainFr = await inbox.submitOfflineMessage(form('filter-main-fr', { email: 'filter3@example.com', queue: 'Main', locale: 'fr-CA' }));
    const mine = [billingEn.id, mainEn.id, mainFr.id];
    const seenBy = async (who: typeof f.agents.agent1) => (await inbox.listOfflineMessages(who, { state: 'new' })).map((r) => r.id).filter((id) => mine.includes(id)).sort();
    const ids = (...list: string[]) => [...list].sort();
    expect(await seenBy(f.agents.agent1)).toEqual(ids(billingEn.id, mainEn.id)); // English, Billing
    expect(await seenBy(f.agents.agent2)).toEqual(ids(mainEn.id, mainFr.id)); // English, French
    expect(await seenBy(f.agents.agent4)).toEqual(ids(mainFr.id)); // French
    expect(await seenBy(f.agents.supervisor)).toEqual(ids(...mine));
    expect(await seenBy(f.agents.admin)).toEqual([]);

    // The SQL and the pure rule agree, message by message.
    const { mayServeOffline, offlineRequiredSkill } = await import('./offline-access');
    const skills = Object.fromEntries((await f.db.skill.findMany()).map((k) => [k.name, k.id]));
    for (const who of [f.agents.agent1, f.agents.agent2, f.agents.agent3, f.agents.agent4, f.agents.supervisor]) {
      const skillIds = (await f.db.userSkill.findMany({ where: { userId: who.id } })).map((u) => u.skillId);
      const listed = await seenBy(who);
      for (const id of mine) {
        const m = await f.db.offlineMessage.findUniqueOrThrow({ where: { id } });
        const q = await f.db.queue.findUniqueOrThrow({ where: { id: m.queueId } });
        expect(listed.includes(id), `${who.id} ${id}`).toBe(mayServeOffline({ role: who.role, skillIds }, offlineRequiredSkill(q.skillId, m.locale, skills)));
      }
    }

    // Taking one you do not see is refused and changes nothing; the state filter still applies.
    expect(await errorCode(() => inbox.takeOfflineMessage(f.agents.agent4, mainEn.id))).toBe('forbidden');
    expect(await errorCode(() => inbox.takeOfflineMessage(f.agents.agent2, billingEn.id))).toBe('forbidden');
    expect(await f.db.offlineMessage.findMany({ where: { id: { in: mine } }, select: { state: true, ownerId: true } })).toEqual(mine.map(() => ({ state: 'new', ownerId: null })));
    await inbox.takeOfflineMessage(f.agents.agent4, mainFr.id);
    expect(await seenBy(f.agents.agent4)).toEqual([]);
    expect((await inbox.listOfflineMessages(f.agents.agent4, { state: 'inProgress' })).map((r) => r.id)).toContain(mainFr.id);
  });
});
