// After the end of a chat on real PostgreSQL (issue 18): the transcript mail holds only what the
// contact saw (their stream, the agent's nickname, no internal line), is queued once per address
// and for at most 3 addresses, only after the end; the rating obeys the admin's switch.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cid, errorCode, loadFixtures, type Fixtures } from '@/test/db-fixtures';

let f: Fixtures;
let after: typeof import('./after-chat');

beforeAll(async () => {
  f = await loadFixtures();
  after = await import('./after-chat');
});
beforeEach(async () => {
  await f.reset();
});

describe('after the end of a chat', () => {
  it('queues the transcript with only the contact-visible lines, once per address, at most 3 addresses', async () => {
    const { agent1 } = f.agents;
    const chat = await f.activeFor(agent1);
    expect(await errorCode(() => after.emailTranscript(chat.chatId, chat.secret, { email: 'early@example.org' }))).toBe('conflict');
    await f.contactChat.contactSend(chat.chatId, chat.secret, { clientId: cid('c'), text: 'Is <b>Friday</b> possible?' });
    await f.agentChat.agentSend(agent1, chat.chatId, { clientId: cid('a'), text: 'Yes, Friday works.' });
    const [row] = await f.db.$queryRaw<{ lastInternalSeq: number }[]>`SELECT "lastInternalSeq" FROM "Interaction" WHERE id = ${chat.chatId}`;
    await f.db.$executeRaw`
      INSERT INTO "Message" (id, "interactionId", visibility, seq, "senderType", "senderName", text, thread)
      VALUES (${`mcoach${Date.now()}`}, ${chat.chatId}, 'INTERNAL', ${row!.lastInternalSeq + 1}, 'AGENT', 'Sam Supervisor', 'Internal: offer a discount', 'coaching')`;
    await f.agentChat.agentEnd(agent1, chat.chatId);

    expect(await after.emailTranscript(chat.chatId, chat.secret, { email: 'Ada@Example.org', timeZone: 'America/Toronto', locale: 'fr-CA' })).toEqual({ status: 'pending' });
    const mails = await f.db.mailOutbox.findMany({ where: { kind: 'transcript' } });
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.to).toBe('Ada@Example.org');
    expect(m.subject).toBe('La transcription de votre clavardage');
    expect(m.text).toContain('Casey Contact: Is <b>Friday</b> possible?');
    expect(m.text).toContain('Alex: Yes, Friday works.');
    expect(m.text + m.html).not.toContain('Internal: offer a discount');
    expect(m.text + m.html).not.toContain('Agent One');
    expect(m.html).toContain('Is &lt;b&gt;Friday&lt;/b&gt; possible?');

    // the same address (any case) again: nothing more; two more addresses, then refused
    expect((await after.emailTranscript(chat.chatId, chat.secret, { email: 'ada@example.org' })).status).toBe('pending');
    await after.emailTranscript(chat.chatId, chat.secret, { email: 'b@example.org' });
    await after.emailTranscript(chat.chatId, chat.secret, { email: 'c@example.org' });
    expect(await errorCode(() => after.emailTranscript(chat.chatId, chat.secret, { email: 'd@example.org' }))).toBe('conflict');
    expect(await f.db.mailOutbox.count()).toBe(3);
    // another chat's secret opens nothing
    const other = await f.newChat();
    expect(await errorCode(() => after.emailTranscript(chat.chatId, other.secret, { email: 'e@example.org' }))).toBe('unauthorized');

    const state = await after.afterChatState(chat.chatId, chat.secret);
    expect(state).toMatchObject({ ended: true, ratingEnabled: true, rated: false, transcriptMail: { status: 'pending' } });
  });

  it('rates once, only after the end, and not when an admin turned the rating off', async () => {
    const chat = await f.newChat();
    expect(await errorCode(() => after.rateChat(chat.chatId, chat.secret, { rating: 5 }))).toBe('conflict');
    await f.contactChat.contactEnd(chat.chatId, chat.secret);
    await after.rateChat(chat.chatId, chat.secret, { rating: 5, comment: ' Great ' });
    expect(await errorCode(() => after.rateChat(chat.chatId, chat.secret, { rating: 1 }))).toBe('conflict');
    expect((await after.afterChatState(chat.chatId, chat.secret)).rated).toBe(true);

    const off = await f.newChat();
    await f.contactChat.contactEnd(off.chatId, off.secret);
    await f.db.setting.upsert({ where: { key: 'console' }, create: { key: 'console', value: { ratingEnabled: false } }, update: { value: { ratingEnabled: false } } });
    f.settings.forgetCachedSettings();
    expect(await errorCode(() => after.rateChat(off.chatId, off.secret, { rating: 4 }))).toBe('forbidden');
    expect((await after.afterChatState(off.chatId, off.secret)).ratingEnabled).toBe(false);
    expect(await f.db.interaction.findUniqueOrThrow({ where: { id: off.chatId }, select: { rating: true } })).toEqual({ rating: null });
    const rated = await f.db.interaction.findUniqueOrThrow({ where: { id: chat.chatId }, select: { rating: true, ratingComment: true } });
    expect(rated).toEqual({ rating: 5, ratingComment: 'Great' });
  });
});
