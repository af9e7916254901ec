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

/**
 * The newest matching messages (at most `limit`), each with its chat's contact and agent and a
 * snippet with the hits marked. An empty search, or one of stop words only, finds nothing.
 */
export async function searchTranscripts(f: SearchFilter, limit = SEARCH_LIMIT): Promise<SearchHit[]> {
  if (!f.q.trim()) return [];
  const rows = await hotQuery<Raw>(Prisma.sql`
    WITH q AS (
      SELECT websearch_to_tsquery('reports_english'::regconfig, ${f.q}) AS en, websearch_to_tsquery('reports_french'::regconfig, ${f.q}) AS fr
    ),
    hits AS (
      SELECT m.id, m."interactionId", m."createdAt", m."text", m.visibility, m.thread, m."senderName"
      FROM q, "Message" m JOIN "Interaction" i ON i.id = m."interactionId"
      WHERE m."searchVector" @@ (q.en || q.fr) AND ${chatFilter(f)}
      ORDER BY m."createdAt" DESC, m.id DESC
      LIMIT ${limit}
    )
    SELECT h.id AS "messageId", h."interactionId", h."createdAt", i."contactName", u.name AS "agentName", h.visibility::text AS visibility, h.thread, h."senderName",
      CASE WHEN to_tsvector('reports_english'::regconfig, h."text") @@ q.en
        THEN ts_headline('reports_english'::regconfig, translate(h."text", ${HIT_START + HIT_STOP}, ''), q.en, ${HEADLINE_OPTIONS})
        ELSE ts_headline('reports_french'::regconfig, translate(h."text", ${HIT_START + HIT_STOP}, ''), q.fr, ${HEADLINE_OPTIONS})
      END AS snippet
    FROM q, hits h JOIN "Interaction" i ON i.id = h."interactionId" LEFT JOIN "User" u ON u.id = i."ownerId"
    ORDER BY h."createdAt" DESC, h.id DESC`);
  return rows.map((r) => ({ ...r, createdAt: new Date(iso(r.createdAt)!) }));
}
