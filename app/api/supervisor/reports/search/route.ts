import { SUPERVISORS } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { getSettings } from '@/lib/settings/settings';
import { resolveSearch } from '@/lib/reports/search-params';
import { searchTranscripts } from '@/lib/reports/search';

/**
 * Issue 20: transcript search as JSON (the same query as the Search transcripts page), supervisors
 * only: coaching and consultation lines are searched too. Snippets mark hits with U+E000/U+E001.
 */
export const GET = withStaff({ roles: SUPERVISORS }, async (req) => {
  const settings = await getSettings();
  const { filter } = resolveSearch(Object.fromEntries(new URL(req.url).searchParams), new Date(), settings.reportsTimeZone);
  const hits = await searchTranscripts(filter);
  return Response.json({ hits: hits.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })) }, { headers: { 'cache-control': 'no-store' } });
});
