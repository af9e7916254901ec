import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { hotQuery } from '@/lib/db';
import { LIVE_MEMBERS, sqlRoleList } from '@/lib/access/participant-roles';
import { iso } from '@/lib/supervisor/sql-values';
import { containsPattern, SEARCH_LIMIT, type SearchFilter } from './search-params';
import { HIT_START, HIT_STOP } from './snippet';

// Issue 20: full-text search over every stored text message (contact-visible and internal: coaching
// and consultation lines are searched too, so this is for supervisors only). Both languages at once,
// accents ignored: the reports_english / reports_french configurations and the generated, GIN-indexed
// "searchVector" column (migration 20261203173000_transcript_search).

const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_STOP}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SearchHit {
  messageId: string;
  interactionId: string;
  createdAt: Date;
  contactName: string;
  agentName: string | null;
  visibility: 'EVERYONE' | 'INTERNAL';
  thread: string | null;
  senderName: string;
  /** ts_headline's snippet, hits between HIT_START and HIT_STOP (see snippet.ts). */
  snippet: string;
}

interface Raw {
  messageId: string;
  interactionId: string;
  createdAt: Date | string;
  contactName: string;
  agentName: string | null;
  visibility: 'EVERYONE' | 'INTERNAL';
  thread: string | null;
  senderName: string;
  snippet: string;
}

function chatFilter(f: SearchFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.from) parts.push(Prisma.sql`i."createdAt" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`i."createdAt" < ${f.to}`);
  if (f.queueId) parts.push(Prisma.sql`i."queueId" = ${f.queueId}`);
  if (f.dispositionId) parts.push(Prisma.sql`i."dispositionId" = ${f.dispositionId}`);
  if (f.agentId)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Participant" p WHERE p."interactionId" = i.id AND p."userId" = ${f.agentId} AND p.role IN (${Prisma.raw(sqlRoleList(LIVE_MEMBERS))}))`);
  if (f.contact) parts.push(Prisma.sql`i."contactName" ILIKE ${containsPattern(f.contact)}`);
  return Prisma.join(parts, ' AND ');
}

/** Up to this many hits, the GIN index gives them all and they are sorted; past it, a word is common. */
export const RARE_HITS = 3000;
/** Up to this many chats after the filters, their messages are read by chat. */
export const FEW_CHATS = 2000;

const Q = (q: string) => Prisma.sql`SELECT websearch_to_tsquery('reports_english'::regconfig, ${q}) AS en, websearch_to_tsquery('reports_french'::regconfig, ${q}) AS fr`;
// A match the planner cannot answer from the GIN index (coalesce hides the operator): used where
// walking rows in date order and testing each is cheaper than collecting every hit of a common word.
const TESTED = Prisma.sql`coalesce(m."searchVector" @@ (q.en || q.fr), false)`;

function hasChatFilter(f: SearchFilter) {
  return Boolean(f.from || f.to || f.queueId || f.agentId || f.dispositionId || f.contact);
}

/**
 * Which way to find the newest `limit` hits, so that neither a rare nor a common word, with or
 * without narrow filters, reads more than a few thousand rows:
 * - `index`: the word has at most RARE_HITS messages: take them all from the GIN index, filter, sort;
 * - `chats`: a common word, and the filters leave at most FEW_CHATS chats: test those chats' messages;
 * - `walk`: a common word and wide filters: walk the newest messages (createdAt index), testing each.
 */
export async function searchPlan(f: SearchFilter): Promise<'index' | 'chats' | 'walk'> {
  const [hits] = await hotQuery<{ n: number }>(Prisma.sql`
    WITH q AS (${Q(f.q)})
    SELECT count(*)::int AS n FROM (SELECT 1 FROM q, "Message" m WHERE m."searchVector" @@ (q.en || q.fr) LIMIT ${RARE_HITS + 1}) x`);
  if (hits!.n <= RARE_HITS) return 'index';
  if (!hasChatFilter(f)) return 'walk';
  const [chats] = await hotQuery<{ n: number }>(Prisma.sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Interaction" i WHERE ${chatFilter(f)} LIMIT ${FEW_CHATS + 1}) x`);
  return chats!.n <= FEW_CHATS ? 'chats' : 'walk';
}

function hitsQuery(f: SearchFilter, plan: 'index' | 'chats' | 'walk', limit: number): Prisma.Sql {
  const cols = Prisma.sql`m.id, m."interactionId", m."createdAt"`;
  switch (plan) {
    case 'index':
      return Prisma.sql`
        found AS MATERIALIZED (SELECT ${cols} FROM q, "Message" m WHERE m."searchVector" @@ (q.en || q.fr)),
        hits AS (
          SELECT m.* FROM found m JOIN "Interaction" i ON i.id = m."interactionId"
          WHERE ${chatFilter(f)} ORDER BY m."createdAt" DESC, m.id DESC LIMIT ${limit})`;
    case 'chats':
      return Prisma.sql`
        chats AS MATERIALIZED (SELECT i.id FROM "Interaction" i WHERE ${chatFilter(f)}),
        hits AS (
          SELECT ${cols} FROM q, chats c JOIN "Message" m ON m."interactionId" = c.id
          WHERE ${TESTED} ORDER BY m."createdAt" DESC, m.id DESC LIMIT ${limit})`;
    case 'walk':
      // Each walked message's chat is checked by its primary key (a nested loop): stops at `limit`.
      return Prisma.sql`
        hits AS (
          SELECT ${cols} FROM q, "Message" m JOIN "Interaction" i ON i.id = m."interactionId"
          WHERE ${chatFilter(f)} AND ${TESTED} ORDER BY m."createdAt" DESC LIMIT ${limit})`;
  }
}

/**
 * The newest matching messages (at most `limit`), each with its chat's contact and agent and a
 * snippet with the hits marked. An empty search, or one of stop words only, finds nothing.
 */
export async function searchTranscripts(f: SearchFilter, limit = SEARCH_LIMIT, plan?: 'index' | 'chats' | 'walk'): Promise<SearchHit[]> {
  if (!f.q.trim()) return [];
  const how = plan ?? (await searchPlan(f));
  const rows = await hotQuery<Raw>(Prisma.sql`
    WITH q AS (${Q(f.q)}),
    ${hitsQuery(f, how, limit)}
    SELECT h.id AS "messageId", h."interactionId", h."createdAt", i."contactName", u.name AS "agentName", m.visibility::text AS visibility, m.thread, m."senderName",
      CASE WHEN to_tsvector('reports_english'::regconfig, m."text") @@ q.en
        THEN ts_headline('reports_english'::regconfig, translate(m."text", ${HIT_START + HIT_STOP}, ''), q.en, ${HEADLINE_OPTIONS})
        ELSE ts_headline('reports_french'::regconfig, translate(m."text", ${HIT_START + HIT_STOP}, ''), q.fr, ${HEADLINE_OPTIONS})
      END AS snippet
    FROM q, hits h JOIN "Message" m ON m.id = h.id JOIN "Interaction" i ON i.id = h."interactionId" LEFT JOIN "User" u ON u.id = i."ownerId"
    ORDER BY h."createdAt" DESC, h.id DESC`);
  return rows.map((r) => ({ ...r, createdAt: new Date(iso(r.createdAt)!) }));
}
