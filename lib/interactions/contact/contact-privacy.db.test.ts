// Issue 7, privacy: a contact sees only what they typed (never a stored record's name, never a
// staff user id), a match by an unverified email or phone is flagged for the agent, and two
// simultaneous starts with the same new email both succeed with one contact record.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
beforeAll(async () => {
  f = await loadFixtures();
});
beforeEach(async () => {
  await f.reset();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

describe('a contact only ever sees the name they typed', () => {
  it("starting with someone else's email reads back the typed name, never the stored one; the agent sees an unverified match", async () => {
    const email = `victim-${unique()}@example.org`;
    const victim = await f.contactChat.startChat({ name: 'Victoria Victim', email, question: 'first', language: 'en' });
    const attacker = await f.contactChat.startChat({ name: 'Attacker', email, question: 'who am I?', language: 'en' });

    const state = await f.contactChat.contactChatState(attacker.chatId, attacker.secret, 0);
    expect(state.contactName).toBe('Attacker');
    expect(JSON.stringify(state)).not.toContain('Victoria');

    // Same contact record (the match still helps the agent), flagged as unverified.
    const [v, a] = await Promise.all([
      f.db.interaction.findUniqueOrThrow({ where: { id: victim.chatId }, select: { contactId: true, unverifiedMatch: true, contactName: true } }),
      f.db.interaction.findUniqueOrThrow({ where: { id: attacker.chatId }, select: { contactId: true, unverifiedMatch: true, contactName: true } }),
    ]);
    expect(a.contactId).toBe(v.contactId);
    expect(v.unverifiedMatch).toBe(false);
    expect(a.unverifiedMatch).toBe(true);
    expect(a.contactName).toBe('Attacker');

    // Their messages carry the typed name too (the transcript is what the contact reads back).
    const sent = await f.contactChat.contactSend(attacker.chatId, attacker.secret, { clientId: cid(), text: 'hello' });
    expect(sent.senderName).toBe('Attacker');
    await f.contactChat.contactEnd(attacker.chatId, attacker.secret);
    const after = await f.contactChat.contactChatState(attacker.chatId, attacker.secret, 0);
    expect(JSON.stringify(after)).not.toContain('Victoria');
  });

  it('a phone match is flagged the same way; a chat with a new email is not', async () => {
    const phone = `+1 514 555 ${Math.floor(1000 + Math.random() * 8999)}`;
    await f.contactChat.startChat({ name: 'Owner Of Phone', phone, question: 'q', language: 'en' });
    const second = await f.contactChat.startChat({ name: 'Someone', phone, question: 'q', language: 'en' });
    const fresh = await f.contactChat.startChat({ name: 'Fresh', email: `fresh-${unique()}@example.org`, question: 'q', language: 'en' });
    expect((await f.contactChat.contactChatState(second.chatId, second.secret, 0)).contactName).toBe('Someone');
    const rows = await f.db.interaction.findMany({ where: { id: { in: [second.chatId, fresh.chatId] } }, select: { id: true, unverifiedMatch: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.unverifiedMatch]))).toEqual({ [second.chatId]: true, [fresh.chatId]: false });
  });

  it("the agent's view of an unverified match: the typed name, the flag, and the linked record", async () => {
    const { agent1 } = f.agents;
    const email = `record-${unique()}@example.org`;
    await f.contactChat.startChat({ name: 'Record Holder', email, question: 'q', language: 'en' });
    await f.ready([agent1]);
    const chat = await f.contactChat.startChat({ name: 'Claimant', email, question: 'q', language: 'en' });
    await f.router.routeQueued();
    const [offer] = await f.pendingOffers(chat.chatId);
    await f.agentChat.acceptInvitation(agent1, offer!.id);
    const detail = await f.agentChat.interactionDetail(agent1, chat.chatId);
    expect(detail.contactName).toBe('Claimant');
    expect(detail.unverifiedMatch).toBe(true);
    expect(detail.contact.name).toBe('Record Holder');
  });
});

describe('simultaneous starts with the same new email', () => {
  it('all succeed (no unique-index 500) and share one contact record', async () => {
    const email = `race-${unique()}@example.org`;
    const phone = `+1 438 555 ${Math.floor(1000 + Math.random() * 8999)}`;
    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => f.contactChat.startChat({ name: `Racer ${i}`, email, phone, question: 'race', language: 'en' })),
    );
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => String(s.reason));
    expect(failed).toEqual([]);
    const ids = settled.map((s) => (s as PromiseFulfilledResult<{ chatId: string }>).value.chatId);
    const rows = await f.db.interaction.findMany({ where: { id: { in: ids } }, select: { contactId: true, contactName: true } });
    expect(new Set(rows.map((r) => r.contactId)).size).toBe(1);
    expect(rows.map((r) => r.contactName).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `Racer ${i}`).sort());
    expect(await f.db.contactEmail.count({ where: { email } })).toBe(1);
  });
});

describe('no staff user id reaches the contact', () => {
  it("the contact API's messages carry the agent's nickname, not their user id; the staff API keeps it", async () => {
    const { agent1 } = f.agents;
    const chat = await f.activeFor(agent1);
    const sent = await f.agentChat.agentSend(agent1, chat.chatId, { clientId: cid(), text: 'hi from the agent' });
    expect(sent.senderUserId).toBe(agent1.id);

    const state = await f.contactChat.contactChatState(chat.chatId, chat.secret, 0);
    const fromAgent = state.messages.filter((m) => m.senderType === 'AGENT');
    expect(fromAgent.length).toBeGreaterThan(0);
    for (const m of state.messages) expect(m).not.toHaveProperty('senderUserId');
    expect(JSON.stringify(state)).not.toContain(agent1.id);
    expect(fromAgent[0]!.senderName).toBeTruthy();

    const staff = await f.agentChat.transcriptSince(agent1, chat.chatId, 0);
    expect(staff.find((m) => m.id === sent.id)?.senderUserId).toBe(agent1.id);
  });
});
