// Identity verification on real PostgreSQL (issue 18): a widget start whose email carries the
// site secret's HMAC is matched as verified (no "Unverified match" for the agent); a wrong or
// missing hash, another email's hash, an old secret's hash, or no secret at all stay unverified.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';
import { identityHash } from './identity';

let f: Fixtures;
let settings: typeof import('./settings');

beforeAll(async () => {
  f = await loadFixtures();
  settings = await import('./settings');
});
beforeEach(async () => {
  await f.reset();
  await f.db.setting.deleteMany({ where: { key: 'widget.secret' } });
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function unverified(chatId: string) {
  return (await f.db.interaction.findUniqueOrThrow({ where: { id: chatId }, select: { unverifiedMatch: true } })).unverifiedMatch;
}

async function existingContact(): Promise<string> {
  const email = `holder-${unique()}@example.org`;
  await f.contactChat.startChat({ name: 'Record Holder', email, question: 'q', language: 'en' });
  return email;
}

describe('identity verification', () => {
  it('marks the email match verified only with the HMAC of that email under the current secret', async () => {
    const admin = f.agents.admin;
    const email = await existingContact();
    // No secret made yet: even a well-formed hash verifies nothing.
    const none = await f.contactChat.startChat({ name: 'No Secret', email, question: 'q', language: 'en', identityHash: identityHash('guess', email) });
    expect(await unverified(none.chatId)).toBe(true);

    const { secret } = await settings.rotateSiteSecret(admin);
    // Stored sealed, never in clear; the audit row has no secret either.
    const row = await f.db.setting.findUniqueOrThrow({ where: { key: 'widget.secret' } });
    expect(JSON.stringify(row.value)).not.toContain(secret);
    const audit = await f.db.auditLog.findFirstOrThrow({ where: { action: 'settings.widget.secret' }, orderBy: { createdAt: 'desc' } });
    expect(JSON.stringify(audit.details)).not.toContain(secret);

    const ok = await f.contactChat.startChat({ name: 'Verified', email, question: 'q', language: 'en', identityHash: identityHash(secret, email) });
    const missing = await f.contactChat.startChat({ name: 'Missing', email, question: 'q', language: 'en' });
    const wrong = await f.contactChat.startChat({ name: 'Wrong', email, question: 'q', language: 'en', identityHash: identityHash('not-the-secret', email) });
    const otherEmail = await f.contactChat.startChat({ name: 'Other', email, question: 'q', language: 'en', identityHash: identityHash(secret, `someone-else-${email}`) });
    expect(await unverified(ok.chatId)).toBe(false);
    expect(await unverified(missing.chatId)).toBe(true);
    expect(await unverified(wrong.chatId)).toBe(true);
    expect(await unverified(otherEmail.chatId)).toBe(true);
    // Same contact record either way: verification changes the flag, not the match.
    const ids = await f.db.interaction.findMany({ where: { id: { in: [ok.chatId, missing.chatId] } }, select: { contactId: true } });
    expect(new Set(ids.map((i) => i.contactId)).size).toBe(1);

    // After a rotation the old secret's hash no longer verifies; the new one does.
    const { secret: next } = await settings.rotateSiteSecret(admin);
    const stale = await f.contactChat.startChat({ name: 'Stale', email, question: 'q', language: 'en', identityHash: identityHash(secret, email) });
    const fresh = await f.contactChat.startChat({ name: 'Fresh', email, question: 'q', language: 'en', identityHash: identityHash(next, email) });
    expect(await unverified(stale.chatId)).toBe(true);
    expect(await unverified(fresh.chatId)).toBe(false);
  });

  it('the agent\'s view of a verified match shows no "Unverified match"', async () => {
    const { secret } = await settings.rotateSiteSecret(f.agents.admin);
    const email = await existingContact();
    const { agent1 } = f.agents;
    await f.ready([agent1]);
    const chat = await f.contactChat.startChat({ name: 'Verified Visitor', email, question: 'q', language: 'en', identityHash: identityHash(secret, email) });
    await f.router.routeQueued();
    const [offer] = await f.pendingOffers(chat.chatId);
    await f.agentChat.acceptInvitation(agent1, offer!.id);
    const detail = await f.agentChat.interactionDetail(agent1, chat.chatId);
    expect(detail.unverifiedMatch).toBe(false);
    expect(detail.contact.name).toBe('Record Holder');
  });

  it('a hash with only a phone match verifies nothing (it vouches for an email)', async () => {
    const { secret } = await settings.rotateSiteSecret(f.agents.admin);
    const phone = `+1 514 555 ${Math.floor(1000 + Math.random() * 8999)}`;
    await f.contactChat.startChat({ name: 'Phone Owner', phone, question: 'q', language: 'en' });
    const email = `new-${unique()}@example.org`;
    const chat = await f.contactChat.startChat({ name: 'Claimant', email, phone, question: 'q', language: 'en', identityHash: identityHash(secret, email) });
    expect(await unverified(chat.chatId)).toBe(true);
  });

  it('Allowed origins: saved canonical and audited; a non-origin is refused and changes nothing', async () => {
    const admin = f.agents.admin;
    expect(await settings.saveAllowedOrigins(admin, ['https://Shop.example/', 'http://localhost:5000', 'https://shop.example'])).toEqual(['https://shop.example', 'http://localhost:5000']);
    expect(await settings.widgetAllowedOrigins()).toEqual(['https://shop.example', 'http://localhost:5000']);
    expect(await errorCode(() => settings.saveAllowedOrigins(admin, ['https://ok.example', 'https://bad.example/path']))).toBe('invalidInput');
    expect((await settings.widgetAdminView()).allowedOrigins).toEqual(['https://shop.example', 'http://localhost:5000']);
    const audit = await f.db.auditLog.findFirstOrThrow({ where: { action: 'settings.widget.origins' }, orderBy: { createdAt: 'desc' } });
    expect(audit.details).toMatchObject({ after: { origins: ['https://shop.example', 'http://localhost:5000'] } });
    await settings.saveAllowedOrigins(admin, []);
  });
});
