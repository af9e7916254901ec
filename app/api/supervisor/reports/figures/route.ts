import { SUPERVISORS } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { getSettings } from '@/lib/settings/settings';
import { figuresCsv } from '@/lib/reports/csv';
import { reportBreakdown } from '@/lib/reports/figures';
import { resolveParams } from '@/lib/reports/params';
import { reportChats, reportDirectory } from '@/lib/reports/report-data';

/** Issue 20: the figures table (overall, per queue, per agent) of the report's filters as CSV. Supervisors only. */
export const GET = withStaff({ roles: SUPERVISORS }, async (req) => {
    const settings = await getSettings();
    const { filter } = resolveParams(Object.fromEntries(new URL(req.url).searchParams), new Date(), settings.reportsTimeZone);
    const [chats, dir] = await Promise.all([reportChats(filter, { names: false }), reportDirectory()]);
    const out = reportBreakdown(chats, { serviceLevelSec: settings.serviceLevelSec, redSec: settings.pendingRedSec });
    const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
    const csv = figuresCsv([
      { scope: 'overall', name: '', f: out.overall },
      ...Object.entries(out.byQueue).map(([id, f]) => ({ scope: 'queue' as const, name: name(dir.queues, id), f })),
      ...Object.entries(out.byAgent).map(([id, f]) => ({ scope: 'agent' as const, name: name(dir.agents, id), f })),
    ]);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="figures-${day}.csv"`, 'cache-control': 'no-store' },
    });
});
