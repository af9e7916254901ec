// Issue 22: a contact's export holds everything listed; erasure leaves no name, email, phone or
// message text of theirs, ends live chats first, keeps counts, and is audited without content.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let rights: typeof import('./contact-rights');
beforeAll(async () => {
  f = await loadFixtures();
  rights = await import('./contact-rights');
});
beforeEach(() => f.reset());

async function contactWithHistory() {
  const email = `erin.${Date.now()}@example.org`;
  const phone = `+1514555${String(Date.now()).slice(-4)}`;
  const { agent1 } = f.agents;
  await f.ready([agent1]);
  const first = await f.contactChat.startChat({ name: 'Erin Erasable', question: 'Where is my parcel?', language: 'en', email, phone });
  await f.contactChat.contactSend(first.chatId, first.secret, { clientId: cid('e'), text: 'my secret words' });
  const { contactId } = await f.db.interaction.findUniqueOrThrow({ where: { id: first.chatId }, select: { contactId: true } });
  await f.db.interaction.update({ where: { id: first.chatId }, data: { status: 'DONE', doneAt: new Date(), endedAt: new Date(), rating: 4, ratingComment: 'kind agent', ratedAt: new Date() } });
  await f.db.message.create({ data: { interactionId: first.chatId, visibility: 'INTERNAL', seq: 1, senderType: 'AGENT', senderName: 'A', text: 'internal remark about Erin', thread: 'consultation' } });
  await f.db.note.create({ data: { interactionId: first.chatId, authorId: agent1.id, text: 'prefers email' } });
  await f.db.callAttempt.create({ data: { contactId, interactionId: first.chatId, userId: agent1.id, phone } });
  // A second, live chat of the same contact (matched by email).
  const second = await f.contactChat.startChat({ name: 'Erin E.', question: 'Still waiting', language: 'en', email });
  await f.contactChat.contactSend(second.chatId, second.secret, { clientId: cid('e'), text: 'more secret words' });
  return { contactId, email, phone, first, second };
}

describe("a contact's rights", () => {
  it('search finds them by name, email and phone; the export contains everything listed', async () => {
    const c = await contactWithHistory();
    for (const q of ['Erin Eras', c.email.toUpperCase(), c.phone.slice(2)]) {
      expect((await rights.searchContacts(q)).map((x) => x.id), q).toContain(c.contactId);
    }
    const data = await rights.exportContact(c.contactId);
    const json = JSON.stringify(data);
    expect(data.contact.emails.map((e) => e.email)).toEqual([c.email]);
    expect(data.contact.phones.map((p) => p.phone)).toEqual([c.phone]);
    expect(data.chats.map((x) => x.id).sort()).toEqual([c.first.chatId, c.second.chatId].sort());
    expect(json).toContain('my secret words');
    expect(json).toContain('more secret words');
    expect(json).not.toContain('internal remark'); // never internal lines
    expect(json).toContain('prefers email'); // notes about them
    expect(json).toContain('kind agent'); // rating
    expect(data.chats.find((x) => x.id === c.first.chatId)!.rating).toMatchObject({ rating: 4, comment: 'kind agent' });
    expect(data.chats.some((x) => x.caseData.length > 0)).toBe(true);
    expect(data.callAttempts).toHaveLength(1);
  });

  it('erasure leaves nothing of them, ends live chats first, keeps counts, audits without content', async () => {
    const c = await contactWithHistory();
    const countsBefore = {
      chats: await f.db.interaction.count({ where: { contactId: c.contactId } }),
      messages: await f.db.message.count({ where: { interaction: { contactId: c.contactId } } }),
      rated: await f.db.interaction.count({ where: { contactId: c.contactId, rating: { not: null } } }),
    };
    await rights.eraseContact(f.agents.admin, c.contactId);

    const second = await f.db.interaction.findUniqueOrThrow({ where: { id: c.second.chatId } });
    expect(['ENDED', 'DONE']).toContain(second.status);
    expect(await f.db.interaction.count({ where: { contactId: c.contactId } })).toBe(countsBefore.chats);
    // The end line was added to the live chat; everything else kept.
    expect(await f.db.message.count({ where: { interaction: { contactId: c.contactId } } })).toBe(countsBefore.messages + 1);
    expect(await f.db.interaction.count({ where: { contactId: c.contactId, rating: { not: null } } })).toBe(countsBefore.rated);

    const everything = JSON.stringify({
      contact: await f.db.contact.findUnique({ where: { id: c.contactId }, include: { emails: true, phones: true, callAttempts: true } }),
      chats: await f.db.interaction.findMany({ where: { contactId: c.contactId }, include: { messages: { where: { visibility: 'EVERYONE' } }, caseData: true, notes: true } }),
    });
    for (const gone of ['Erin', c.email, c.phone, 'my secret words', 'more secret words', 'Where is my parcel', 'kind agent', 'prefers email']) {
      expect(everything, gone).not.toContain(gone);
    }
    expect(everything).toContain('[erased]');
    expect(await rights.searchContacts(c.email)).toEqual([]);
    expect(await f.db.contactEmail.count({ where: { email: c.email } })).toBe(0);

    const audit = await f.db.auditLog.findFirstOrThrow({ where: { action: 'contact.erase', target: `contact:${c.contactId}` } });
    expect(audit.actorId).toBe(f.agents.admin.id);
    expect(JSON.stringify(audit.details)).not.toMatch(/Erin|secret|example\.org/);
  });

  it('an unknown contact id is refused and changes nothing', async () => {
    const before = await f.db.auditLog.count();
    await expect(rights.eraseContact(f.agents.admin, 'nope')).rejects.toMatchObject({ code: 'notFound' });
    await expect(rights.exportContact('nope')).rejects.toMatchObject({ code: 'notFound' });
    expect(await f.db.auditLog.count()).toBe(before);
  });
});
