// The pre-chat form per queue on real PostgreSQL (issue 18): the admin's form is saved and
// audited; a contact's answers become the chat's case data, a missing or invalid answer is refused
// with nothing stored, and the topic picked is the skill routing (R1) offers the chat by.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';
import type { StartChatInput } from '@/lib/interactions/core/schemas';

let f: Fixtures;
let store: typeof import('./prechat-store');
let skills: Record<string, string>;
let queues: Record<string, string>;

beforeAll(async () => {
  f = await loadFixtures();
  store = await import('./prechat-store');
  skills = Object.fromEntries((await f.db.skill.findMany()).map((s) => [s.name, s.id]));
  queues = Object.fromEntries((await f.db.queue.findMany()).map((q) => [q.name, q.id]));
});
beforeEach(async () => {
  await f.reset();
  store.forgetCachedPrechat();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function caseData(chatId: string): Promise<Record<string, string>> {
  const rows = await f.db.caseDataValue.findMany({ where: { interactionId: chatId }, select: { value: true, field: { select: { key: true } } } });
  return Object.fromEntries(rows.map((r) => [r.field.key, r.value]));
}

async function mainForm() {
  return store.savePrechatForm(f.agents.admin, {
    queueId: queues.Main!,
    fields: [
      { key: 'accountNumber', required: true },
      { key: 'priority', required: false },
    ],
    skillIds: [skills.Billing!, skills.French!],
    pickLanguage: false,
  });
}

describe('the pre-chat form per queue', () => {
  it('is saved per queue and audited; unknown fields, built-in fields, unknown skills or queues save nothing', async () => {
    await mainForm();
    const billingForm = { queueId: queues.Billing!, fields: [{ key: 'priority', required: true }], skillIds: [], pickLanguage: true };
    await store.savePrechatForm(f.agents.admin, billingForm);
    // Saving Billing kept Main's form.
    expect((await store.prechatFormOf(queues.Main!)).fields.map((x) => x.key)).toEqual(['accountNumber', 'priority']);
    const audits = await f.db.auditLog.findMany({ where: { action: 'settings.prechatForm' }, orderBy: { createdAt: 'asc' } });
    expect(audits.map((a) => a.target)).toEqual([`queue:${queues.Main}`, `queue:${queues.Billing}`]);

    const before = JSON.stringify((await f.db.setting.findUnique({ where: { key: 'widget.prechat' } }))?.value);
    const bad = [
      { ...billingForm, fields: [{ key: 'noSuchField', required: true }] },
      { ...billingForm, fields: [{ key: 'email', required: true }] },
      { ...billingForm, skillIds: ['cnosuchskill'] },
      { ...billingForm, queueId: 'cnosuchqueue' },
      { ...billingForm, fields: [{ key: 'priority', required: true }, { key: 'priority', required: false }] },
    ];
    for (const input of bad) expect(await errorCode(() => store.savePrechatForm(f.agents.admin, input))).toBe('invalidInput');
    expect(JSON.stringify((await f.db.setting.findUnique({ where: { key: 'widget.prechat' } }))?.value)).toBe(before);
    expect(await f.db.auditLog.count({ where: { action: 'settings.prechatForm' } })).toBe(2);
  });

  it('stores the answers as case data and routes by the topic picked', async () => {
    await mainForm();
    const view = await store.contactPrechat(queues.Main!, 'fr-CA');
    expect(view).toEqual({
      fields: [
        { key: 'accountNumber', label: 'Numéro de compte', type: 'NUMBER', options: [], required: true },
        { key: 'priority', label: 'Priorité', type: 'LIST', options: ['Low', 'Normal', 'High'], required: false },
      ],
      skills: [
        { id: skills.Billing, name: 'Billing' },
        { id: skills.French, name: 'French' },
      ],
      pickLanguage: false,
    });

    const name = `Pre ${unique()}`;
    const chat = await f.contactChat.startChat({ name, question: 'My bill', language: 'en', caseData: { accountNumber: ' 4217 ', priority: 'High' }, skill: skills.Billing });
    expect(await caseData(chat.chatId)).toMatchObject({ name, question: 'My bill', accountNumber: '4217', priority: 'High' });
    const row = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId }, select: { requiredSkillId: true } });
    expect(row.requiredSkillId).toBe(skills.Billing);

    // R1: agent3 (English only) is Ready and longest idle, but only agent1 has Billing.
    await f.ready([f.agents.agent3]);
    await f.router.routeQueued();
    expect(await f.pendingOffers(chat.chatId)).toHaveLength(0);
    await f.ready([f.agents.agent3, f.agents.agent1]);
    await f.router.routeQueued();
    const offers = await f.pendingOffers(chat.chatId);
    expect(offers.map((o) => o.targetUserId)).toEqual([f.agents.agent1.id]);

    // The agent sees the answers among the chat's case data (A11), with their labels.
    const { caseDataFor } = await import('@/lib/case-data/case-data');
    const shown = await caseDataFor(chat.chatId);
    expect(shown.find((x) => x.key === 'accountNumber')).toMatchObject({ label: 'Account number', value: '4217' });
  });

  it('refuses a start with a missing required answer, a bad value, an extra field or topic: 400 and nothing stored', async () => {
    await mainForm();
    const name = `Refused ${unique()}`;
    const base = { name, question: 'q', language: 'en' as const };
    const refused: StartChatInput[] = [
      { ...base, caseData: { priority: 'High' }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '   ' }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '12a' }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '1', priority: 'Urgent' }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '1', language: 'fr' }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '1', queue: 'Billing' }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '1\u0000' }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '1'.repeat(501) }, skill: skills.Billing },
      { ...base, caseData: { accountNumber: '1' } },
      { ...base, caseData: { accountNumber: '1' }, skill: skills.English },
      { ...base, caseData: { accountNumber: '1' }, skill: 'cnosuchskill' },
    ];
    for (const input of refused) expect(await errorCode(() => f.contactChat.startChat(input))).toBe('invalidInput');
    expect(await f.db.interaction.count({ where: { contactName: name } })).toBe(0);
    expect(await f.db.contact.count({ where: { name } })).toBe(0);

    // A queue without a form takes no answers at all (nothing sneaks into case data there either).
    expect(await errorCode(() => f.contactChat.startChat({ ...base, queue: 'Billing', caseData: { accountNumber: '1' } }))).toBe('invalidInput');
    expect(await errorCode(() => f.contactChat.startChat({ ...base, queue: 'Billing', skill: skills.French }))).toBe('invalidInput');
    // …and starts as before without them, routed by the queue's own skill.
    const plain = await f.contactChat.startChat({ ...base, queue: 'Billing' });
    expect((await f.db.interaction.findUniqueOrThrow({ where: { id: plain.chatId }, select: { requiredSkillId: true } })).requiredSkillId).toBe(skills.Billing);
  });

  it('the contact API refuses hostile answers with a 400 before anything is stored', async () => {
    await mainForm();
    const { startChatSchema } = await import('@/lib/interactions/core/schemas');
    const base = { name: 'Hostile', question: 'q', language: 'en' };
    // A "__proto__" key is dropped by the schema: no own key, no changed prototype.
    const proto = startChatSchema.parse({ ...base, caseData: JSON.parse('{"__proto__":{"accountNumber":"1"},"priority":"Low"}') as object }).caseData!;
    expect(Object.keys(proto)).toEqual(['priority']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    for (const caseData of [{ 'a b': '1' }, { accountNumber: 1 }, Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, '1'])), 'text', [], { accountNumber: 'x'.repeat(1001) }]) {
      expect(startChatSchema.safeParse({ ...base, caseData }).success, JSON.stringify(caseData).slice(0, 60)).toBe(false);
    }
    for (const skill of [1, 'a b', 'x'.repeat(65), '../etc']) expect(startChatSchema.safeParse({ ...base, skill }).success).toBe(false);
    // A key naming an Object.prototype member is a plain answer: not on the form, refused.
    const parsed = startChatSchema.parse({ ...base, caseData: { constructor: '1', accountNumber: '1' }, skill: skills.Billing });
    expect(await errorCode(() => f.contactChat.startChat(parsed))).toBe('invalidInput');
  });
});
