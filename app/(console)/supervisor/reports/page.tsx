import { getFormatter, getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { getSettings } from '@/lib/settings/settings';
import { chatsBehind, reportBreakdown, type FigureKey, type ReportFigures } from '@/lib/reports/figures';
import { bucketStarts, INTERVALS, PRESETS } from '@/lib/reports/intervals';
import { resolveParams } from '@/lib/reports/params';
import { reportChats, reportDirectory } from '@/lib/reports/report-data';
import { HANDLE_BANDS_MIN, handleDistribution, intervalSeries } from '@/lib/reports/series';
import { formatDuration } from '../format';
import { FigureHead } from './figure-head';
import { ReportChart } from './report-chart';
import { ZoneField } from './zone-field';

export const dynamic = 'force-dynamic';

const COLUMNS = ['offered', 'accepted', 'abandoned', 'handled', 'asa', 'avgFirstResponse', 'avgHandle', 'serviceLevel', 'lateResponses', 'transfers', 'conferences', 'consultations', 'avgRating', 'ratings'] as const;
type Column = (typeof COLUMNS)[number];
const DRILL: Partial<Record<Column, FigureKey>> = { offered: 'offered', accepted: 'accepted', abandoned: 'abandoned', handled: 'handled', lateResponses: 'late', transfers: 'transferred', ratings: 'rated' };

type SP = Record<string, string | string[] | undefined>;

// Issue 20: historical and interval reports, supervisors only (an admin is not a supervisor).
export default async function ReportsPage({ searchParams }: { searchParams: Promise<SP> }) {
  await requirePageRole('SUPERVISOR');
  const sp = await searchParams;
  const settings = await getSettings();
  const now = new Date();
  const { params, timeZone, filter } = resolveParams(sp, now, settings.reportsTimeZone);
  const rules = { serviceLevelSec: settings.serviceLevelSec, redSec: settings.pendingRedSec };
  // Names (contact, queue, agents, disposition) only when a drill-down list shows them.
  const [chats, dir] = await Promise.all([reportChats(filter, { names: typeof sp.drill === 'string' }), reportDirectory()]);
  const t = await getTranslations('reports');
  const fmt = await getFormatter();
  const out = reportBreakdown(chats, rules);
  const series = intervalSeries(chats, bucketStarts(filter.from, filter.to, params.interval, timeZone), rules);
  const bands = handleDistribution(chats);
  const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;

  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v && k !== 'drill' && k !== 'scope') query.set(k, String(v));
  if (!params.tz) query.set('tz', timeZone);
  const href = (extra: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(query), ...extra })}`;

  const n = (v: number) => fmt.number(v);
  const dur = (v: number | null) => (v === null ? '—' : formatDuration(v));
  const value = (f: ReportFigures, c: Column): string => {
    switch (c) {
      case 'asa':
        return dur(f.asaMs);
      case 'avgFirstResponse':
        return dur(f.avgFirstResponseMs);
      case 'avgHandle':
        return dur(f.avgHandleMs);
      case 'serviceLevel':
        return f.serviceLevel === null ? '—' : fmt.number(f.serviceLevel, { style: 'percent', maximumFractionDigits: 0 });
      case 'avgRating':
        return f.avgRating === null ? '—' : fmt.number(f.avgRating, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
      case 'lateResponses':
        return n(f.lateResponses);
      default:
        return n(f[c]);
    }
  };
  const when = (d: Date, withDate = true) =>
    fmt.dateTime(d, withDate ? { timeZone, dateStyle: 'medium', timeStyle: 'short' } : { timeZone, timeStyle: 'short' });

  const drill = typeof sp.drill === 'string' ? (sp.drill as FigureKey) : null;
  const scope = typeof sp.scope === 'string' ? sp.scope : 'overall';
  const scoped = scope.startsWith('queue:') ? chats.filter((c) => c.queueId === scope.slice(6)) : scope.startsWith('agent:') ? chats.filter((c) => c.agentId === scope.slice(6)) : chats;
  const drilled = drill && Object.values(DRILL).includes(drill) ? chatsBehind(scoped, drill, rules) : null;

  const table = (id: string, caption: string, rows: { scope: string; label: string; f: ReportFigures }[]) => (
    <div className="overflow-x-auto">
      <table aria-labelledby={id} className="text-sm">
        <thead>
          <tr>
            <th scope="col" className="px-2 text-left">
              {t('name')}
            </th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="px-2 text-right">
                <FigureHead label={t(`figures.${c}`)} help={t(`help.${c}`, { seconds: rules.serviceLevelSec, red: rules.redSec })} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.scope}>
              <th scope="row" className="px-2 text-left">
                {r.label}
              </th>
              {COLUMNS.map((c) => (
                <td key={c} className="px-2 text-right tabular-nums">
                  {DRILL[c] ? (
                    <a className="text-blue-800 underline" href={href({ drill: DRILL[c]!, scope: r.scope })} aria-label={t('drillLabel', { figure: t(`figures.${c}`), name: r.label })}>
                      {value(r.f, c)}
                    </a>
                  ) : (
                    value(r.f, c)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p id={id} className="sr-only">
        {caption}
      </p>
    </div>
  );

  const select = (nameAttr: string, label: string, options: { id: string; name: string }[], current?: string) => (
    <label className="flex flex-col text-sm">
      {label}
      <select name={nameAttr} defaultValue={current ?? ''} className="rounded border border-slate-300 px-2 py-1">
        <option value="">{t('filters.all')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <main className="h-full overflow-auto bg-slate-50 p-4">
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <nav aria-label={t('sections')} className="flex gap-3 text-sm">
          <a className="text-blue-800 underline" href="/supervisor/reports/activity">
            {t('activity.link')}
          </a>
          <a className="text-blue-800 underline" href="/supervisor/reports/search">
            {t('search.link')}
          </a>
        </nav>
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
        {select('queue', t('filters.queue'), dir.queues, params.queue)}
        {select('group', t('filters.group'), dir.groups, params.group)}
        {select('agent', t('filters.agent'), dir.agents, params.agent)}
        {select('disposition', t('filters.disposition'), dir.dispositions, params.disposition)}
        <label className="flex flex-col text-sm">
          {t('filters.interval')}
          <select name="interval" defaultValue={params.interval} className="rounded border border-slate-300 px-2 py-1">
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {t(`intervals.${i}`)}
              </option>
            ))}
          </select>
        </label>
        <ZoneField initial={params.tz} />
        <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white">
          {t('filters.apply')}
        </button>
        <a className="rounded border border-blue-700 px-3 py-1 text-sm font-semibold text-blue-800" href={`/api/supervisor/reports/export?${query}`}>
          {t('exportCsv')}
        </a>
        <a className="rounded border border-blue-700 px-3 py-1 text-sm font-semibold text-blue-800" href={`/api/supervisor/reports/figures?${query}`}>
          {t('exportFigures')}
        </a>
      </form>
      <p className="mb-3 text-sm text-slate-700">
        {t('period', { from: when(filter.from), to: when(filter.to), zone: timeZone })}
      </p>

      <section aria-labelledby="overall-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="overall-heading" className="mb-1 font-semibold">
          {t('overall')}
        </h2>
        {table('overall-caption', t('overall'), [{ scope: 'overall', label: t('overall'), f: out.overall }])}
      </section>
      <section aria-labelledby="queues-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="queues-heading" className="mb-1 font-semibold">
          {t('byQueue')}
        </h2>
        {table('queues-caption', t('byQueue'), Object.entries(out.byQueue).map(([id, f]) => ({ scope: `queue:${id}`, label: name(dir.queues, id), f })))}
      </section>
      <section aria-labelledby="agents-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="agents-heading" className="mb-1 font-semibold">
          {t('byAgent')}
        </h2>
        {table('agents-caption', t('byAgent'), Object.entries(out.byAgent).map(([id, f]) => ({ scope: `agent:${id}`, label: name(dir.agents, id), f })))}
      </section>
      <section aria-labelledby="dispositions-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="dispositions-heading" className="mb-1 font-semibold">
          {t('dispositions')}
        </h2>
        <table aria-labelledby="dispositions-heading" className="text-sm">
          <tbody>
            {Object.entries(out.overall.dispositions).map(([id, count]) => (
              <tr key={id}>
                <th scope="row" className="px-2 text-left">
                  {id ? name(dir.dispositions, id) : t('noDisposition')}
                </th>
                <td className="px-2 text-right tabular-nums">{n(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {drilled && (
        <section aria-labelledby="drill-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
          <h2 id="drill-heading" className="mb-1 font-semibold">
            {t('drillTitle', { figure: t(`drill.${drill}`), count: drilled.length })}
          </h2>
          <table aria-labelledby="drill-heading" className="text-sm">
            <thead>
              <tr>
                <th scope="col" className="px-2 text-left">{t('chat.contact')}</th>
                <th scope="col" className="px-2 text-left">{t('chat.queue')}</th>
                <th scope="col" className="px-2 text-left">{t('chat.agents')}</th>
                <th scope="col" className="px-2 text-left">{t('chat.created')}</th>
                <th scope="col" className="px-2 text-left">{t('chat.disposition')}</th>
                <th scope="col" className="px-2 text-right">{t('chat.rating')}</th>
                <th scope="col" className="px-2 text-left">{t('transcript.column')}</th>
              </tr>
            </thead>
            <tbody>
              {drilled.map((c) => {
                const row = chats.find((x) => x.id === c.id)!;
                return (
                  <tr key={c.id}>
                    <td className="px-2">{row.contactName}</td>
                    <td className="px-2">{row.queueName}</td>
                    <td className="px-2">{row.agents || '—'}</td>
                    <td className="px-2">{when(row.createdAt)}</td>
                    <td className="px-2">{row.dispositionName ?? '—'}</td>
                    <td className="px-2 text-right">{row.rating === null ? '—' : n(row.rating)}</td>
                    <td className="px-2">
                      <a
                        className="text-blue-800 underline"
                        href={`/supervisor/reports/chats/${encodeURIComponent(c.id)}?${new URLSearchParams({ from: 'reports', tz: timeZone })}`}
                        aria-label={t('transcript.openLabel', { contact: row.contactName, date: when(row.createdAt) })}
                      >
                        {t('transcript.open')}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="volume-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="volume-heading" className="mb-1 font-semibold">
          {t('volume')}
        </h2>
        <ReportChart
          name="volume"
          x={{ kind: 'time', seconds: series.map((p) => p.start.getTime() / 1000), timeZone, withDate: params.interval === 'day' || series.length > 96 }}
          series={[
            { label: t('figures.offered'), values: series.map((p) => p.offered), color: '#1d4ed8' },
            { label: t('figures.handled'), values: series.map((p) => p.handled), color: '#047857' },
            { label: t('figures.abandoned'), values: series.map((p) => p.abandoned), color: '#b91c1c', dash: [6, 4] },
            { label: t('figures.serviceLevel'), values: series.map((p) => p.serviceLevel), color: '#7c3aed', percent: true, dash: [2, 3] },
          ]}
        />
        <p className="mb-1 text-xs text-slate-700">{t('chartAlternative')}</p>
        <table aria-labelledby="volume-heading" className="text-sm">
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left">{t('intervalStart')}</th>
              <th scope="col" className="px-2 text-right">{t('figures.offered')}</th>
              <th scope="col" className="px-2 text-right">{t('figures.handled')}</th>
              <th scope="col" className="px-2 text-right">{t('figures.abandoned')}</th>
              <th scope="col" className="px-2 text-right">{t('figures.serviceLevel')}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.start.toISOString()}>
                <th scope="row" className="px-2 text-left font-normal">{when(p.start, params.interval === 'day' || series.length > 96)}</th>
                <td className="px-2 text-right tabular-nums">{n(p.offered)}</td>
                <td className="px-2 text-right tabular-nums">{n(p.handled)}</td>
                <td className="px-2 text-right tabular-nums">{n(p.abandoned)}</td>
                <td className="px-2 text-right tabular-nums">{p.serviceLevel === null ? '—' : fmt.number(p.serviceLevel, { style: 'percent', maximumFractionDigits: 0 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="handle-heading" className="mb-4 rounded border border-slate-200 bg-white p-3">
        <h2 id="handle-heading" className="mb-1 font-semibold">
          {t('handleDistribution')}
        </h2>
        <ReportChart
          name="handle"
          x={{ kind: 'bands', labels: bands.map((_, i) => (i < HANDLE_BANDS_MIN.length ? `${i === 0 ? 0 : HANDLE_BANDS_MIN[i - 1]!}–${HANDLE_BANDS_MIN[i]!} min` : `${HANDLE_BANDS_MIN[HANDLE_BANDS_MIN.length - 1]!}+ min`)) }}
          series={[{ label: t('figures.handled'), values: bands, color: '#0f766e' }]}
        />
        <p className="mb-1 text-xs text-slate-700">{t('chartAlternative')}</p>
        <table aria-labelledby="handle-heading" className="text-sm">
          <tbody>
            {bands.map((count, i) => (
              <tr key={i}>
                <th scope="row" className="px-2 text-left font-normal">
                  {i < HANDLE_BANDS_MIN.length ? t('band', { from: i === 0 ? 0 : HANDLE_BANDS_MIN[i - 1]!, to: HANDLE_BANDS_MIN[i]! }) : t('bandOpen', { from: HANDLE_BANDS_MIN[HANDLE_BANDS_MIN.length - 1]! })}
                </th>
                <td className="px-2 text-right tabular-nums">{n(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
