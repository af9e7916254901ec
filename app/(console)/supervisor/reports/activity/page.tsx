import { getFormatter, getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { getSettings } from '@/lib/settings/settings';
import { agentActivity, clippedMs } from '@/lib/reports/activity';
import { PRESETS } from '@/lib/reports/intervals';
import { resolveParams } from '@/lib/reports/params';
import { agentChatTime, agentStates } from '@/lib/reports/report-data';
import { formatDuration } from '../../format';
import { ZoneField } from '../zone-field';

export const dynamic = 'force-dynamic';

const STATES = ['READY', 'NOT_READY', 'LOGGED_OUT'] as const;

// Issue 20: agent activity from the append-only state history. Supervisors only.
export default async function AgentActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('SUPERVISOR');
  const settings = await getSettings();
  const now = new Date();
  const { params, timeZone, filter } = resolveParams(await searchParams, now, settings.reportsTimeZone);
  const [spans, chat] = await Promise.all([agentStates(filter), agentChatTime(filter)]);
  const t = await getTranslations('reports');
  const fmt = await getFormatter();
  const per = agentActivity(spans, chat, { from: filter.from, to: filter.to, now });
  const names = new Map(spans.map((s) => [s.userId, s.name]));
  const when = (d: Date) => fmt.dateTime(d, { timeZone, dateStyle: 'medium', timeStyle: 'medium' });
  const state = (s: string, reason: string | null) => (reason ? `${t(`states.${s}`)} (${reason})` : t(`states.${s}`));

  return (
    <main className="h-full overflow-auto bg-slate-50 p-4">
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">{t('activity.title')}</h1>
        <a className="text-sm text-blue-800 underline" href="/supervisor/reports">
          {t('title')}
        </a>
        <a className="text-sm text-blue-800 underline" href="/supervisor/reports/search">
          {t('search.link')}
        </a>
      </div>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label={t('filters.label')}>
        <label className="flex flex-col text-sm">
          {t('filters.range')}
          <select name="range" defaultValue={params.range} className="rounded border border-slate-300 px-2 py-1">
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t('filters.from')}
          <input type="date" name="from" defaultValue={params.from} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col text-sm">
          {t('filters.to')}
          <input type="date" name="to" defaultValue={params.to} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <ZoneField initial={params.tz} />
        <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white">
          {t('filters.apply')}
        </button>
      </form>

      <section aria-labelledby="per-agent-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="per-agent-heading" className="mb-1 font-semibold">
          {t('activity.perAgent')}
        </h2>
        <table aria-labelledby="per-agent-heading" className="text-sm">
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left">{t('activity.agent')}</th>
              {STATES.map((s) => (
                <th key={s} scope="col" className="px-2 text-right">{t(`states.${s}`)}</th>
              ))}
              <th scope="col" className="px-2 text-right">{t('activity.inChat')}</th>
              <th scope="col" className="px-2 text-right">{t('activity.occupancy')}</th>
              <th scope="col" className="px-2 text-right">{t('figures.handled')}</th>
            </tr>
          </thead>
          <tbody>
            {per.map((a) => (
              <tr key={a.userId}>
                <th scope="row" className="px-2 text-left">{names.get(a.userId) ?? a.userId}</th>
                {STATES.map((s) => (
                  <td key={s} className="px-2 text-right tabular-nums">{formatDuration(a.timeInState[s] ?? 0)}</td>
                ))}
                <td className="px-2 text-right tabular-nums">{formatDuration(a.chatMs)}</td>
                <td className="px-2 text-right tabular-nums">{a.occupancy === null ? '—' : fmt.number(a.occupancy, { style: 'percent', maximumFractionDigits: 0 })}</td>
                <td className="px-2 text-right tabular-nums">{fmt.number(a.handled)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="history-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="history-heading" className="mb-1 font-semibold">
          {t('activity.history')}
        </h2>
        <table aria-labelledby="history-heading" className="text-sm">
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left">{t('activity.agent')}</th>
              <th scope="col" className="px-2 text-left">{t('activity.state')}</th>
              <th scope="col" className="px-2 text-left">{t('activity.start')}</th>
              <th scope="col" className="px-2 text-left">{t('activity.end')}</th>
              <th scope="col" className="px-2 text-right">{t('activity.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {spans.map((s, i) => (
              <tr key={i}>
                <td className="px-2">{s.name}</td>
                <td className="px-2">{state(s.status, s.reason)}</td>
                <td className="px-2">{when(s.startedAt)}</td>
                <td className="px-2">{s.endedAt ? when(s.endedAt) : t('activity.ongoing')}</td>
                <td className="px-2 text-right tabular-nums">{formatDuration(clippedMs(s, new Date(0), new Date(8.64e15), now))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
