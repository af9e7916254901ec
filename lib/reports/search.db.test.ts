// Transcript search (issue 20) against real PostgreSQL with the migration's configurations and GIN
// index: accents ignored both ways, English stems, both languages at once, internal lines included,
// each filter respected, and a word said in one chat never matches another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { loadFixtures, type Fixtures } from '@/test/db-fixtures';
import { pgClient } from '@/test/db';

let f: Fixtures;
let client: pg.Client;
let search: typeof import('./search');
const chats: Record<'fr' | 'en' | 'other', { chatId: string }> = {} as never;
let queues: { a: string; b: string };
let disposition: string;

beforeAll(async () => {
  f = await loadFixtures();
  await f.reset();
  client = await pgClient();
  search = await import('./search');
  const q = (await client.query<{ id: string }>(`SELECT id FROM "Queue" ORDER BY id LIMIT 2`)).rows;
  queues = { a: q[0]!.id, b: q[1]!.id };
  disposition = (await client.query<{ id: string }>(`SELECT id FROM "DispositionCode" ORDER BY id LIMIT 1`)).rows[0]!.id;
  // Three chats: two owned by agent1 (French, English), one by agent2 in another queue.
  chats.fr = await f.activeFor(f.agents.agent1);
  chats.en = await f.activeFor(f.agents.agent1);
  chats.other = await f.activeFor(f.agents.agent2);
  await client.query(`UPDATE "Interaction" SET "queueId" = $2, "contactName" = 'Élodie Tremblay', "dispositionId" = $3 WHERE id = $1`, [chats.fr.chatId, queues.a, disposition]);
  await client.query(`UPDATE "Interaction" SET "queueId" = $2, "contactName" = 'Morgan Smith' WHERE id = $1`, [chats.en.chatId, queues.a]);
  await client.query(`UPDATE "Interaction" SET "queueId" = $2, "contactName" = 'Other Person', "createdAt" = now() - interval '10 days' WHERE id = $1`, [chats.other.chatId, queues.b]);
  const say = async (chatId: string, text: string, extra: { internal?: boolean; agent?: boolean } = {}) =>
    f.messages.appendMessage({
      interactionId: chatId,
      visibility: extra.internal ? 'INTERNAL' : 'EVERYONE',
      thread: extra.internal ? 'coaching' : null,
      senderType: extra.agent || extra.internal ? 'AGENT' : 'CONTACT',
      senderName: extra.agent || extra.internal ? 'Agent' : 'Contact',
      text,
      allowedStatuses: ['ACTIVE'],
    });
  await say(chats.fr.chatId, "Je n'ai pas reçu mon colis, c'est un problème");
  await say(chats.fr.chatId, 'Nous allons vérifier la livraison', { agent: true });
  await say(chats.en.chatId, 'The parcels were delivered to the wrong address');
  await say(chats.en.chatId, 'Offer her the zanzibar voucher', { internal: true });
  await say(chats.other.chatId, 'Where is my order? I am still waiting');
  await say(chats.other.chatId, 'Customer <b>sounds</b> upset <script>alert(1)</script> about the delay', { internal: true });
}, 120_000);
afterAll(async () => {
  await client?.end();
});

const find = (q: string, extra: Omit<Parameters<typeof search.searchTranscripts>[0], 'q'> = {}) => search.searchTranscripts({ q, ...extra });
const chatsOf = (hits: { interactionId: string }[]) => [...new Set(hits.map((h) => h.interactionId))].sort();

describe('transcript search', () => {
  it('finds an accented French word typed without accents, and the other way round', async () => {
    for (const q of ['recu', 'reçu', 'probleme', 'problème', 'PROBLEME', 'verifier', 'vérifier la livraison']) {
      expect(chatsOf(await find(q)), q).toEqual([chats.fr.chatId]);
    }
  });

  it('finds an English stem (a plural by its singular, a tense by another) and internal coaching lines', async () => {
    expect(chatsOf(await find('parcel'))).toEqual([chats.en.chatId]);
    expect(chatsOf(await find('deliver'))).toEqual([chats.en.chatId]);
    const internal = await find('zanzibar');
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ interactionId: chats.en.chatId, visibility: 'INTERNAL', thread: 'coaching' });
  });

  it('gives contact, agent, date and a snippet with the hit marked, tag-like user text never kept as markup', async () => {
    const [hit] = await find('probleme');
    expect(hit).toMatchObject({ contactName: 'Élodie Tremblay', agentName: 'Agent One' });
    expect(hit!.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const { snippetParts } = await import('./snippet');
    expect(snippetParts(hit!.snippet).filter((p) => p.hit).map((p) => p.text)).toEqual(['problème']);
    const [html] = await find('upset');
    const parts = snippetParts(html!.snippet);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['upset']);
    // The snippet is plain text parts (the page renders them as text); ts_headline's parser reads
    // tag-like text as markup and leaves it out of snippets, the words around it stay.
    expect(parts.map((p) => p.text).join('')).toMatch(/^Customer\s+sounds\s+upset\s+alert\(1\)\s+about the delay$/);
  });

  it('never matches another chat, and finds nothing for stop words or an empty search', async () => {
    expect(chatsOf(await find('order'))).toEqual([chats.other.chatId]);
    expect(await find('colis zanzibar')).toEqual([]);
    expect(await find('a')).toEqual([]); // a stop word in both languages
    expect(await find('   ')).toEqual([]);
    expect(await find('nonexistentword')).toEqual([]);
  });

  it('respects each filter: date, queue, agent, disposition, contact', async () => {
    const all = 'colis OR parcels OR order';
    expect(chatsOf(await find(all))).toEqual([chats.fr.chatId, chats.en.chatId, chats.other.chatId].sort());
    const dayAgo = new Date(Date.now() - 86_400_000);
    expect(chatsOf(await find(all, { from: dayAgo }))).toEqual([chats.fr.chatId, chats.en.chatId].sort());
    expect(chatsOf(await find(all, { to: dayAgo }))).toEqual([chats.other.chatId]);
    expect(chatsOf(await find(all, { queueId: queues.b }))).toEqual([chats.other.chatId]);
    expect(chatsOf(await find(all, { queueId: queues.a }))).toEqual([chats.fr.chatId, chats.en.chatId].sort());
    expect(chatsOf(await find(all, { agentId: f.agents.agent2.id }))).toEqual([chats.other.chatId]);
    expect(chatsOf(await find(all, { agentId: f.agents.agent1.id }))).toEqual([chats.fr.chatId, chats.en.chatId].sort());
    expect(chatsOf(await find(all, { dispositionId: disposition }))).toEqual([chats.fr.chatId]);
    expect(chatsOf(await find(all, { contact: 'tremblay' }))).toEqual([chats.fr.chatId]);
    expect(chatsOf(await find(all, { contact: '%' }))).toEqual([]);
  });

  it('uses the GIN index for a rare word', async () => {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN SELECT id FROM "Message" m WHERE m."searchVector" @@ websearch_to_tsquery('reports_french', 'colis')`);
    await client.query('RESET enable_seqscan');
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('Message_searchVector_idx');
  });

  it('stores no search vector for system lines', async () => {
    const { rows } = await client.query(`SELECT count(*)::int n FROM "Message" WHERE kind = 'SYSTEM' AND "searchVector" IS NOT NULL`);
    expect(rows[0].n).toBe(0);
    expect((await client.query(`SELECT count(*)::int n FROM "Message" WHERE kind = 'SYSTEM'`)).rows[0].n).toBeGreaterThan(0);
  });
});
