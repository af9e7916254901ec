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

type Plan = 'index' | 'chats' | 'walk';
const PLANS: Plan[] = ['index', 'chats', 'walk'];
const find = (q: string, extra: Omit<Parameters<typeof search.searchTranscripts>[0], 'q'> = {}, plan?: Plan) => search.searchTranscripts({ q, ...extra }, undefined, plan);
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

  it('respects each filter (date, queue, agent, disposition, contact) whichever way the hits are found', async () => {
    const all = 'colis OR parcels OR order';
    for (const plan of PLANS) {
      const got = async (extra: Omit<Parameters<typeof search.searchTranscripts>[0], 'q'>) => chatsOf(await find(all, extra, plan));
      expect(await got({}), plan).toEqual([chats.fr.chatId, chats.en.chatId, chats.other.chatId].sort());
      const dayAgo = new Date(Date.now() - 86_400_000);
      expect(await got({ from: dayAgo }), plan).toEqual([chats.fr.chatId, chats.en.chatId].sort());
      expect(await got({ to: dayAgo }), plan).toEqual([chats.other.chatId]);
      expect(await got({ queueId: queues.b }), plan).toEqual([chats.other.chatId]);
      expect(await got({ queueId: queues.a }), plan).toEqual([chats.fr.chatId, chats.en.chatId].sort());
      expect(await got({ agentId: f.agents.agent2.id }), plan).toEqual([chats.other.chatId]);
      expect(await got({ agentId: f.agents.agent1.id }), plan).toEqual([chats.fr.chatId, chats.en.chatId].sort());
      expect(await got({ dispositionId: disposition }), plan).toEqual([chats.fr.chatId]);
      expect(await got({ contact: 'tremblay' }), plan).toEqual([chats.fr.chatId]);
      expect(await got({ contact: '%' }), plan).toEqual([]);
      expect(chatsOf(await find('recu', {}, plan)), plan).toEqual([chats.fr.chatId]);
      expect(await find('nonexistentword', {}, plan), plan).toEqual([]);
    }
  });

  it('a common word (more hits than RARE_HITS) is found by walking, or by chat when filters leave few chats, with the same newest hits', async () => {
    const busy = await f.activeFor(f.agents.agent3);
    await client.query(`UPDATE "Interaction" SET "contactName" = 'Busy Contact' WHERE id = $1`, [busy.chatId]);
    await client.query(
      `INSERT INTO "Message" (id, "interactionId", seq, "senderType", "senderName", text, "createdAt")
       SELECT 'busy-' || k, $1, 1000 + k, 'CONTACT', 'Contact', 'frequentword number ' || k, now() - (k * interval '1 second') FROM generate_series(1, $2::int) k`,
      [busy.chatId, search.RARE_HITS + 5],
    );
    expect(await search.searchPlan({ q: 'frequentword' })).toBe('walk');
    expect(await search.searchPlan({ q: 'frequentword', contact: 'busy' })).toBe('chats');
    expect(await search.searchPlan({ q: 'colis' })).toBe('index');
    const newest = (await find('frequentword', {}, 'index')).map((h) => h.messageId);
    expect(newest).toHaveLength(50);
    expect(newest[0]).toBe('busy-1');
    for (const plan of PLANS) expect((await find('frequentword', { contact: 'busy' }, plan)).map((h) => h.messageId), plan).toEqual(newest);
    expect((await find('frequentword')).map((h) => h.messageId)).toEqual(newest);
    expect(await find('frequentword', { contact: 'tremblay' })).toEqual([]);
  });

  it('uses the GIN index for a rare word', async () => {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN SELECT id FROM "Message" m WHERE m."searchVector" @@ websearch_to_tsquery('reports_french', 'colis')`);
    await client.query('RESET enable_seqscan');
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('Message_searchVector_idx');
  });

  it("answers the contact filter (part of the name, any case) from the trigram index", async () => {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN SELECT id FROM "Interaction" i WHERE i."contactName" ILIKE '%tremBLAY%'`);
    await client.query('RESET enable_seqscan');
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('Interaction_contactName_trgm_idx');
  });

  it('stores no search vector for system lines', async () => {
    const { rows } = await client.query(`SELECT count(*)::int n FROM "Message" WHERE kind = 'SYSTEM' AND "searchVector" IS NOT NULL`);
    expect(rows[0].n).toBe(0);
    expect((await client.query(`SELECT count(*)::int n FROM "Message" WHERE kind = 'SYSTEM'`)).rows[0].n).toBeGreaterThan(0);
  });
});
