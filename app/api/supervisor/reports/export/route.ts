import { SUPERVISORS } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { getSettings } from '@/lib/settings/settings';
import { csvStream } from '@/lib/reports/csv';
import { resolveParams } from '@/lib/reports/params';
import { reportChatPages } from '@/lib/reports/report-data';

/** Issue 20: one CSV row per chat of the report's period and filters, streamed page by page. Supervisors only. */
export const GET = withStaff({ roles: SUPERVISORS }, async (req) => {
  const settings = await getSettings();
  const { filter } = resolveParams(Object.fromEntries(new URL(req.url).searchParams), new Date(), settings.reportsTimeZone);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csvStream(reportChatPages(filter)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="chats-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
