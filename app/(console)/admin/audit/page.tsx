import { Download } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { listAudit } from '@/lib/admin/audit-log';
import { auditChanges } from '@/lib/admin/audit-diff';
import { auditFilterSchema, type AuditFilter } from '@/lib/admin/schemas';
import { LocalTime } from './local-time';
import { AdminTable } from '../admin-table';

export const dynamic = 'force-dynamic';

const AREAS = ['settings', 'user', 'group', 'skill', 'queue', 'routingPoint', 'disposition', 'caseField'] as const;

function query(f: AuditFilter, page?: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, page })) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** M6: who changed what, before → after, when; filterable, exportable as CSV. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('ADMIN');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const filter = auditFilterSchema.parse(raw);
  const [t, log] = await Promise.all([getTranslations('admin'), listAudit(filter)]);
  const { page: _page, ...filterOnly } = filter;
  const field = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm';
  return (
    <section aria-labelledby="audit-title" className="max-w-6xl">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="audit-title" className="text-lg font-semibold">
          {t('audit.title')}
        </h2>
        <a href={`/api/admin/audit${query(filterOnly)}`} download className="inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          <Download aria-hidden className="size-4" />
          {t('audit.export')}
        </a>
      </div>
      <form method="get" role="search" aria-label={t('audit.filters')} className="mb-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        <label className="flex flex-col gap-1 text-sm">
          {t('audit.action')}
          <select name="action" defaultValue={filter.action ?? ''} className={field}>
            <option value="">{t('audit.anyAction')}</option>
            {AREAS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.areas.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t('audit.actor')}
          <select name="actorId" defaultValue={filter.actorId ?? ''} className={field}>
            <option value="">{t('audit.anyActor')}</option>
            {log.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t('audit.target')}
          <input name="target" defaultValue={filter.target ?? ''} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t('audit.from')}
          <input type="date" name="from" defaultValue={filter.from ?? ''} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t('audit.to')}
          <input type="date" name="to" defaultValue={filter.to ?? ''} className={field} />
        </label>
        <button type="submit" className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          {t('audit.apply')}
        </button>
        <a href="/admin/audit" className="px-2 py-1.5 text-sm text-blue-800 underline">
          {t('audit.clear')}
        </a>
      </form>
      <p className="mb-2 text-sm text-slate-700" role="status">
        {t('audit.count', { total: log.total })}
      </p>
      {log.rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t('audit.empty')}</p>
      ) : (
        <AdminTable columns={[t('audit.when'), t('audit.actor'), t('audit.what'), t('audit.changes')]} label={t('audit.title')}>
          {log.rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 align-top">
              <td className="whitespace-nowrap p-2">
                <LocalTime iso={r.createdAt} />
              </td>
              <td className="p-2">{r.actor ? r.actor.name : t('audit.system')}</td>
              <td className="p-2">
                <span className="font-mono">{r.action}</span>
                <span className="block text-xs text-slate-600">{r.target}</span>
              </td>
              <td className="p-2">
                <ul>
                  {auditChanges(r.details).map((c, i) => (
                    <li key={i}>
                      {c.field ? <span className="font-medium">{c.field}: </span> : null}
                      <span>{c.before ?? t('audit.noValue')}</span>
                      <span> → </span>
                      <span>{c.after ?? t('audit.noValue')}</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {log.pages > 1 && (
        <nav aria-label={t('audit.page', { page: log.page, pages: log.pages })} className="mt-3 flex items-center gap-3 text-sm">
          {log.page > 1 ? (
            <a className="text-blue-800 underline" href={`/admin/audit${query(filterOnly, log.page - 1)}`}>
              {t('audit.previous')}
            </a>
          ) : null}
          <span>{t('audit.page', { page: log.page, pages: log.pages })}</span>
          {log.page < log.pages ? (
            <a className="text-blue-800 underline" href={`/admin/audit${query(filterOnly, log.page + 1)}`}>
              {t('audit.next')}
            </a>
          ) : null}
        </nav>
      )}
    </section>
  );
}
