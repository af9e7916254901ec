import { getFormatter, getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { getSettings } from '@/lib/settings/settings';
import { reportDirectory } from '@/lib/reports/report-data';
import { searchTranscripts } from '@/lib/reports/search';
import { resolveSearch, SEARCH_LIMIT, SEARCH_MAX } from '@/lib/reports/search-params';
import { snippetParts } from '@/lib/reports/snippet';
import { ZoneField } from '../zone-field';

export const dynamic = 'force-dynamic';

// Issue 20: full-text search over every stored message (English and French, accents ignored),
// filtered by date, queue, agent, disposition and contact. Supervisors only (internal lines too).
export default async function SearchTranscriptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('SUPERVISOR');
  const settings = await getSettings();
  const { params, timeZone, filter } = resolveSearch(await searchParams, new Date(), settings.reportsTimeZone);
  const [hits, dir] = await Promise.all([searchTranscripts(filter), reportDirectory()]);
  const t = await getTranslations('reports');
  const fmt = await getFormatter();
  const when = (d: Date) => fmt.dateTime(d, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const open = (chatId: string, messageId: string) => `/supervisor/reports/chats/${encodeURIComponent(chatId)}?${new URLSearchParams({ hit: messageId, from: 'search', tz: timeZone })}`;

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
        <h1 className="text-xl font-semibold">{t('search.title')}</h1>
        <nav aria-label={t('sections')} className="flex gap-3 text-sm">
          <a className="text-blue-800 underline" href="/supervisor/reports">
            {t('title')}
          </a>
          <a className="text-blue-800 underline" href="/supervisor/reports/activity">
            {t('activity.link')}
          </a>
        </nav>
      </div>
      <form method="get" role="search" aria-label={t('search.filters')} className="mb-4 flex flex-col gap-3 rounded border border-slate-200 bg-white p-3">
        <div className="flex flex-wrap items-end gap-2">
          <input
            type="search"
            name="q"
            aria-label={t('search.box')}
            aria-describedby="search-hint"
            defaultValue={params.q ?? ''}
            maxLength={SEARCH_MAX}
            className="min-w-72 flex-1 rounded border border-slate-300 px-2 py-1"
          />
          <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white">
            {t('search.submit')}
          </button>
        </div>
        <p id="search-hint" className="text-xs text-slate-700">
          {t('search.hint')}
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col text-sm">
            {t('filters.from')}
            <input type="date" name="from" defaultValue={params.from} className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="flex flex-col text-sm">
            {t('filters.to')}
            <input type="date" name="to" defaultValue={params.to} className="rounded border border-slate-300 px-2 py-1" />
          </label>
          {select('queue', t('filters.queue'), dir.queues, params.queue)}
          {select('agent', t('filters.agent'), dir.agents, params.agent)}
          {select('disposition', t('filters.disposition'), dir.dispositions, params.disposition)}
          <label className="flex flex-col text-sm">
            {t('search.contact')}
            <input type="text" name="contact" defaultValue={params.contact ?? ''} maxLength={100} className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <ZoneField initial={params.tz} />
        </div>
      </form>

      {filter.q && (
        <section aria-labelledby="results-heading" className="rounded border border-slate-200 bg-white p-3">
          <h2 id="results-heading" className="mb-1 font-semibold">
            {t('search.results')}
          </h2>
          {hits.length === 0 ? (
            <p className="text-sm text-slate-700">{t('search.none')}</p>
          ) : (
            <>
              {hits.length >= SEARCH_LIMIT && <p className="mb-2 text-sm text-slate-700">{t('search.limited', { count: SEARCH_LIMIT })}</p>}
              <table aria-labelledby="results-heading" className="w-full text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="px-2 text-left">{t('search.contact')}</th>
                    <th scope="col" className="px-2 text-left">{t('search.agent')}</th>
                    <th scope="col" className="px-2 text-left">{t('search.date')}</th>
                    <th scope="col" className="px-2 text-left">{t('search.snippet')}</th>
                    <th scope="col" className="px-2 text-left">{t('transcript.column')}</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((h) => (
                    <tr key={h.messageId} className="align-top">
                      <td className="px-2">{h.contactName}</td>
                      <td className="px-2">{h.agentName ?? '—'}</td>
                      <td className="px-2 whitespace-nowrap">{when(h.createdAt)}</td>
                      <td className="px-2">
                        <span className="mr-1 text-xs font-semibold text-slate-700">{h.senderName}:</span>
                        {h.visibility === 'INTERNAL' && (
                          <span className="mr-1 rounded bg-amber-100 px-1 text-xs font-semibold text-amber-900">
                            {t('search.internal', { thread: t(`search.threads.${h.thread === 'coaching' || h.thread === 'consultation' ? h.thread : 'other'}`) })}
                          </span>
                        )}
                        {/* Plain text parts: React escapes them; the hits are <mark>, never HTML from the store. */}
                        {snippetParts(h.snippet).map((p, i) => (p.hit ? <mark key={i} className="bg-amber-200 font-semibold">{p.text}</mark> : <span key={i}>{p.text}</span>))}
                      </td>
                      <td className="px-2">
                        <a className="text-blue-800 underline" href={open(h.interactionId, h.messageId)} aria-label={t('search.openLabel', { contact: h.contactName, date: when(h.createdAt) })}>
                          {t('search.open')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </main>
  );
}
