// The agent workspace's data layer on real PostgreSQL: contact history scoped to staff and
// paginated (A12), contact edits that never merge records silently (A13), notes only their author
// changes (A10), typed case-data edits (A11); every change audited.
import { randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let history: typeof import('./history');
let info: typeof import('./contact-info');
let notes: typeof import('@/lib/notes/notes');
let caseData: typeof import('@/lib/case-data/case-data');

beforeAll(async () => {
  f = await loadFixtures();
  [history, info, notes, caseData] = await Promise.all([import('./history'), import('./contact-info'), import('@/lib/notes/notes'), import('@/lib/case-data/case-data')]);
});
beforeEach(async () => {
  await f.reset();
});

async function contactIdOf(chatId: string) {
  return (await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { contactId: true } })).contactId;
}

/** `n` earlier, finished chats of one contact, one minute apart (oldest first), owned by `owner`. */
async function pastChats(contactId: string, n: number, owner: { id: string }) {
  const queue = await f.db.queue.findFirstOrThrow({ where: { isDefault: true } });
  const base = Date.now() - 24 * 60 * 60 * 1000;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(base + i * 60_000);
    const row = await f.db.interaction.create({
      data: {
        contactId,
        queueId: queue.id,
        secretHash: randomBytes(32).toString('hex'),
        subject: `Earlier question ${i}`,
        status: 'DONE',
        createdAt,
        acceptedAt: new Date(createdAt.getTime() + 5_000),
        endedAt: new Date(createdAt.getTime() + 65_000),
        doneAt: new Date(createdAt.getTime() + 70_000),
        endedBy: 'contact',
        participants: { create: { userId: owner.id, role: 'OWNER', displayName: 'Alex', joinedAt: createdAt, leftAt: new Date(createdAt.getTime() + 70_000) } },
      },
    });
    ids.push(row.id);
  }
  return ids;
}

describe('contact history (A12)', () => {
  it('is paginated newest first, with no item twice or missed, and excludes the current chat', async () => {
    const { agent1 } = f.agents;
    const chat = await f.activeFor(agent1);
    const contactId = await contactIdOf(chat.chatId);
    const ids = await pastChats(contactId, 45, agent1);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof history.contactHistory>> = await history.contactHistory(agent1, chat.chatId, { cursor });
      expect(page.items.length).toBeLessThanOrEqual(history.HISTORY_PAGE);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    expect(seen).not.toContain(chat.chatId);

    const first = (await history.contactHistory(agent1, chat.chatId)).items[0]!;
    expect(first).toMatchObject({ subject: 'Earlier question 44', agentNickname: 'Alex', agentName: 'Agent One', outcome: 'contact', durationSec: 60 });
  });

  it('is scoped to staff who may read the current chat', async () => {
    const { agent1, agent2, supervisor, admin } = f.agents;
    const chat = await f.activeFor(agent1);
    await pastChats(await contactIdOf(chat.chatId), 2, agent1);

    expect((await history.contactHistory(supervisor, chat.chatId)).items).toHaveLength(2);
    expect(await errorCode(() => history.contactHistory(agent2, chat.chatId))).toBe('notFound');
    expect(await errorCode(() => history.contactHistory(admin, chat.chatId))).toBe('notFound');
    expect(await errorCode(() => history.contactCallAttempts(agent2, chat.chatId))).toBe('notFound');

    // A cursor or a past chat of another contact is refused, not read.
    const other = await f.activeFor(agent2);
    const [foreign] = await pastChats(await contactIdOf(other.chatId), 1, agent2);
    expect(await errorCode(() => history.contactHistory(agent1, chat.chatId, { cursor: foreign! }))).toBe('invalidInput');
    expect(await errorCode(() => history.historyTranscript(agent1, chat.chatId, foreign!))).toBe('notFound');
  });

  it('shows internal messages of an earlier chat only to supervisors and to staff who took part', async () => {
    const { agent1, agent2, supervisor } = f.agents;
    const chat = await f.activeFor(agent1);
    const [past] = await pastChats(await contactIdOf(chat.chatId), 1, agent2);
    await f.db.message.createMany({
      data: [
        { interactionId: past!, seq: 1, senderType: 'CONTACT', senderName: 'Casey', text: 'Hello there' },
        { interactionId: past!, seq: 1, visibility: 'INTERNAL', thread: 'coaching', senderType: 'AGENT', senderUserId: supervisor.id, senderName: 'Sam', text: 'Offer the refund' },
      ],
    });
    // agent1 owns the current chat but took no part in the earlier one.
    const forAgent1 = await history.historyTranscript(agent1, chat.chatId, past!);
    expect(forAgent1.internalShown).toBe(false);
    expect(forAgent1.messages.map((m) => m.text)).toEqual(['Hello there']);

    const forSupervisor = await history.historyTranscript(supervisor, chat.chatId, past!);
    expect(forSupervisor.messages.map((m) => m.text)).toEqual(['Hello there', 'Offer the refund']);

    // agent2 took part in the earlier chat: reading it through a chat of the same contact they now hold.
    await f.db.participant.create({ data: { interactionId: chat.chatId, userId: agent2.id, role: 'CONFERENCE', displayName: 'Support' } });
    const forAgent2 = await history.historyTranscript(agent2, chat.chatId, past!);
    expect(forAgent2.internalShown).toBe(true);
    expect(forAgent2.messages.map((m) => m.text)).toContain('Offer the refund');
  });
});

describe('contact information (A13)', () => {
  it('an edit whose email belongs to another contact is refused and changes nothing', async () => {
    const { agent1, agent2 } = f.agents;
    const chat = await f.activeFor(agent1);
    const other = await f.activeFor(agent2);
    await f.db.contactEmail.create({ data: { contactId: await contactIdOf(other.chatId), email: 'taken@example.org' } });
    const contactId = await contactIdOf(chat.chatId);
    await f.db.contactEmail.create({ data: { contactId, email: 'mine@example.org' } });
    const before = await f.db.contact.findUniqueOrThrow({ where: { id: contactId }, include: { emails: true, phones: true } });
    const audits = await f.db.auditLog.count();

    const r = await info.updateContact(agent1, chat.chatId, { name: 'Renamed Person', emails: ['Taken@Example.org'], phones: ['+1 514 555 0100'] });
    expect(r).toEqual({ ok: false, errors: { emails: [{ value: 'taken@example.org', error: 'belongsToOther' }] } });

    const after = await f.db.contact.findUniqueOrThrow({ where: { id: contactId }, include: { emails: true, phones: true } });
    expect(after.name).toBe(before.name);
    expect(after.emails.map((e) => e.email)).toEqual(['mine@example.org']);
    expect(after.phones).toEqual([]);
    expect(await f.db.contactEmail.count({ where: { email: 'taken@example.org' } })).toBe(1);
    expect(await f.db.auditLog.count()).toBe(audits);
  });

  it('invalid values change nothing; a valid edit is saved and audited', async () => {
    const { agent1, agent2 } = f.agents;
    const chat = await f.activeFor(agent1);
    const contactId = await contactIdOf(chat.chatId);
    const bad = await info.updateContact(agent1, chat.chatId, { name: '', emails: ['not-an-email'], phones: ['12'] });
    expect(bad).toEqual({ ok: false, errors: { name: 'required', emails: [{ value: 'not-an-email', error: 'email' }], phones: [{ value: '12', error: 'phone' }] } });
    expect((await f.db.contact.findUniqueOrThrow({ where: { id: contactId } })).name).toBe('Casey Contact');

    const ok = await info.updateContact(agent1, chat.chatId, { name: ' Casey Jones ', emails: ['casey@example.org', 'CASEY@example.org'], phones: ['(514) 555-0101'] });
    expect(ok).toEqual({ ok: true, contact: { id: contactId, name: 'Casey Jones', emails: ['casey@example.org'], phones: ['5145550101'] } });
    const audit = await f.db.auditLog.findFirstOrThrow({ where: { action: 'contact.update', target: `contact:${contactId}` } });
    expect(audit.actorId).toBe(agent1.id);
    expect(audit.details).toMatchObject({ before: { name: 'Casey Contact', emails: [] }, after: { name: 'Casey Jones', emails: ['casey@example.org'] } });

    // Someone without the chat cannot edit its contact, nor log a call on it.
    expect(await errorCode(() => info.updateContact(agent2, chat.chatId, { name: 'X', emails: [], phones: [] }))).toBe('notFound');
    expect(await errorCode(() => info.logCallAttempt(agent1, chat.chatId, '999999999'))).toBe('invalidInput');
    const call = await info.logCallAttempt(agent1, chat.chatId, '5145550101');
    expect(call.phone).toBe('5145550101');
    expect((await history.contactCallAttempts(agent1, chat.chatId)).map((c) => c.phone)).toEqual(['5145550101']);
  });
});

describe('notes (A10) and case data (A11)', () => {
  it('only the author edits or deletes a note; each change is audited', async () => {
    const { agent1, agent2 } = f.agents;
    const chat = await f.activeFor(agent1);
    await f.db.participant.create({ data: { interactionId: chat.chatId, userId: agent2.id, role: 'CONFERENCE', displayName: 'Support' } });
    const note = await notes.addNote(agent1, chat.chatId, 'Customer wants a callback');
    expect(note).toMatchObject({ authorId: agent1.id, authorName: 'Agent One', text: 'Customer wants a callback' });

    expect(await errorCode(() => notes.editNote(agent2, note.id, 'hijacked'))).toBe('forbidden');
    expect(await errorCode(() => notes.deleteNote(agent2, note.id))).toBe('forbidden');
    expect((await notes.editNote(agent1, note.id, 'Callback at 3 pm')).text).toBe('Callback at 3 pm');
    await notes.deleteNote(agent1, note.id);
    expect(await notes.listNotes(agent1, chat.chatId)).toEqual([]);
    expect(await errorCode(() => notes.editNote(agent1, note.id, 'again'))).toBe('notFound');

    const trail = await f.db.auditLog.findMany({ where: { target: `note:${note.id}` }, orderBy: { createdAt: 'asc' } });
    expect(trail.map((a) => a.action)).toEqual(['note.create', 'note.update', 'note.delete']);
    expect(trail[1]!.details).toMatchObject({ before: { text: 'Customer wants a callback' }, after: { text: 'Callback at 3 pm' } });
  });

  it('an editable field is validated by type and audited; a read-only one is refused', async () => {
    const { agent1 } = f.agents;
    const chat = await f.activeFor(agent1);
    const shown = await caseData.caseDataFor(chat.chatId);
    expect(shown.map((c) => c.key)).toEqual(['name', 'question', 'language', 'queue', 'accountNumber', 'priority']);
    expect(shown.find((c) => c.key === 'question')).toMatchObject({ editable: false, value: 'Where is my order?' });

    expect(await caseData.saveCaseValue(agent1, chat.chatId, 'accountNumber', '12ab')).toEqual({ ok: false, key: 'accountNumber', error: 'number' });
    expect(await caseData.saveCaseValue(agent1, chat.chatId, 'priority', 'Urgent')).toEqual({ ok: false, key: 'priority', error: 'option' });
    expect(await f.db.caseDataValue.count({ where: { interactionId: chat.chatId, field: { key: { in: ['accountNumber', 'priority'] } } } })).toBe(0);

    expect(await caseData.saveCaseValue(agent1, chat.chatId, 'accountNumber', ' 004217 ')).toEqual({ ok: true, key: 'accountNumber', value: '004217' });
    expect(await errorCode(() => caseData.saveCaseValue(agent1, chat.chatId, 'question', 'changed'))).toBe('forbidden');
    expect((await caseData.caseDataFor(chat.chatId)).find((c) => c.key === 'accountNumber')!.value).toBe('004217');
    const audit = await f.db.auditLog.findFirstOrThrow({ where: { action: 'caseData.update', target: `interaction:${chat.chatId}` } });
    expect(audit.details).toMatchObject({ before: { accountNumber: null }, after: { accountNumber: '004217' } });
  });
});
