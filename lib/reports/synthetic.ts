// A synthetic chat history generated in SQL (issue 20), for `npm run bench:reports` and the data-layer
// tests: chats over the last `days` days among the existing queues, agents and dispositions, with
// contacts, owner participations, answered response waits and `messagesPerChat` messages each
// (some words French with accents). Ids start with `syn-` so the rows are easy to tell apart.
import type pg from 'pg';

export interface SyntheticSpec {
  chats: number;
  messagesPerChat: number;
  days: number;
  /** Agents to spread chats over (the first N agents by id). */
  agents: number;
}

export async function generateHistory(client: pg.ClientBase, spec: SyntheticSpec): Promise<void> {
  const { chats, messagesPerChat, days, agents } = spec;
  await client.query(`
    INSERT INTO "Contact" (id, name, "createdAt", "updatedAt")
    SELECT 'syn-c' || g, 'Synthetic contact ' || g, now(), now() FROM generate_series(1, GREATEST(1, $1::int / 20)) g`, [chats]);
  await client.query(
    `WITH q AS (SELECT array_agg(id ORDER BY id) a FROM "Queue"),
          u AS (SELECT array_agg(id ORDER BY id) a FROM (SELECT id FROM "User" WHERE role = 'AGENT' ORDER BY id LIMIT $3) x),
          d AS (SELECT COALESCE(array_agg(id ORDER BY id), ARRAY[]::text[]) a FROM "DispositionCode"),
          base AS (
            SELECT g,
              (now() AT TIME ZONE 'UTC') - ((g::float8 / $1) * $2 * interval '1 day') - (random() * interval '1 minute') AS created,
              (abs(hashint4(g)) % 100) AS r, (abs(hashint4(g * 7)) % 100) AS r2
            FROM generate_series(1, $1::int) g)
     INSERT INTO "Interaction" (id, status, "contactId", "queueId", "secretHash", subject, language, "ownerId", "createdAt", "acceptedAt",
                                "firstResponseAt", "endedAt", "doneAt", "endedBy", "dispositionId", rating, "ratedAt", "contactName", "lastSeq")
     SELECT 'syn-' || g, 'DONE', 'syn-c' || (1 + g % GREATEST(1, $1::int / 20)), q.a[1 + g % array_length(q.a, 1)], md5('syn' || g), 'Synthetic', CASE WHEN r2 < 30 THEN 'fr' ELSE 'en' END,
       CASE WHEN r < 8 THEN NULL ELSE u.a[1 + g % array_length(u.a, 1)] END,
       created,
       CASE WHEN r < 8 THEN NULL ELSE created + (r * interval '1 second') END,
       CASE WHEN r < 8 THEN NULL ELSE created + (r * interval '1 second') + ((5 + r2) * interval '1 second') END,
       created + ((r + 60 + r2 * 20) * interval '1 second'),
       created + ((r + 90 + r2 * 25) * interval '1 second'),
       CASE WHEN r < 8 OR r2 % 2 = 0 THEN 'contact' ELSE 'agent' END,
       CASE WHEN r < 8 OR array_length(d.a, 1) IS NULL THEN NULL ELSE d.a[1 + g % array_length(d.a, 1)] END,
       CASE WHEN r >= 8 AND r2 < 30 THEN 1 + (r2 % 5) ELSE NULL END,
       CASE WHEN r >= 8 AND r2 < 30 THEN created + interval '1 hour' ELSE NULL END,
       'Synthetic contact ' || g, $4::int
     FROM base, q, u, d`,
    [chats, days, agents, messagesPerChat],
  );
  await client.query(`
    INSERT INTO "Participant" (id, "interactionId", "userId", role, "displayName", "joinedAt", "leftAt")
    SELECT 'syn-p' || substr(i.id, 5), i.id, i."ownerId", 'OWNER', 'Agent', i."acceptedAt", i."doneAt"
    FROM "Interaction" i WHERE i.id LIKE 'syn-%' AND i."ownerId" IS NOT NULL`);
  await client.query(`
    INSERT INTO "ResponseWait" (id, "interactionId", "queueId", "agentId", "pendingSince", "answeredAt", "waitMs")
    SELECT 'syn-w' || substr(i.id, 5) || '-' || k, i.id, i."queueId", i."ownerId", i."acceptedAt", i."acceptedAt" + interval '1 second',
           (abs(hashint4(k * 31 + length(i.id))) % 120) * 1000
    FROM "Interaction" i, generate_series(1, 2) k WHERE i.id LIKE 'syn-%' AND i."acceptedAt" IS NOT NULL`);
  // Messages: alternate contact and agent; one in 50 mentions "élève" (French, with accents), one in
  // 40 is a coaching line (internal), the rest pick from a small vocabulary; the third message of
  // each chat names its order ("ref123"), a word only that chat has (the search bench's rare terms).
  await client.query(
    `INSERT INTO "Message" (id, "interactionId", visibility, seq, "senderType", "senderName", text, "createdAt", thread)
     SELECT 'syn-m' || substr(i.id, 5) || '-' || k, i.id,
       CASE WHEN k % 40 = 0 THEN 'INTERNAL'::"Visibility" ELSE 'EVERYONE'::"Visibility" END, k,
       CASE WHEN k % 2 = 1 THEN 'CONTACT'::"SenderType" ELSE 'AGENT'::"SenderType" END,
       CASE WHEN k % 2 = 1 THEN 'Contact' ELSE 'Agent' END,
       (ARRAY['my parcel is late', 'where is my order', 'the invoice is wrong', 'mon colis est en retard', 'la facture est erronée',
              'I would like a refund', 'merci beaucoup', 'thank you for waiting', 'le paiement a échoué', 'can you check the tracking number'])[1 + (abs((hashint4(k) # hashtext(i.id))::bigint) % 10)]
         || CASE WHEN (abs((hashint4(k * 17) # hashtext(i.id))::bigint) % 50) = 0 THEN ' pour mon élève' ELSE '' END
         || CASE WHEN k = 3 THEN ' (order ref' || substr(i.id, 5) || ')' ELSE '' END,
       COALESCE(i."acceptedAt", i."createdAt") + (k * interval '10 seconds'),
       CASE WHEN k % 40 = 0 THEN 'coaching' ELSE NULL END
     FROM "Interaction" i, generate_series(1, $1::int) k WHERE i.id LIKE 'syn-%'`,
    [messagesPerChat],
  );
}
