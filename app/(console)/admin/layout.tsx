import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { AdminNav } from './admin-nav';

// Every admin page is for admins only: checked here and again by each page (a layout is not
// re-run on client navigation) and by every admin action.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePageRole('ADMIN');
  const t = await getTranslations('admin');
  const ta = await getTranslations('attachments.admin');
  const tl = await getTranslations('lifecycle');
  const tw = await getTranslations('widget.admin');
  const to = await getTranslations('offline');
  const links = [
    ['/admin', t('nav.timers')],
    ['/admin/nicknames', t('nav.nicknames')],
    ['/admin/dispositions', t('nav.dispositions')],
    ['/admin/case-data', t('nav.caseData')],
    ['/admin/responses', t('nav.responses')],
    ['/admin/users', t('nav.users')],
    ['/admin/groups', t('nav.groups')],
    ['/admin/skills', t('nav.skills')],
    ['/admin/queues', t('nav.queues')],
    ['/admin/routing-points', t('nav.routingPoints')],
    ['/admin/attachments', ta('title')],
    ['/admin/widget', tw('title')],
    ['/admin/business-hours', to('hours.title')],
    ['/admin/retention', tl('retention.title')],
    ['/admin/contacts', tl('contacts.title')],
    ['/admin/audit', t('nav.audit')],
  ] as const;
  return (
    <div className="flex h-full min-h-0">
      <AdminNav label={t('nav.label')} links={links.map(([href, label]) => ({ href, label }))} />
      <main className="min-w-0 flex-1 overflow-y-auto p-6">
        <h1 className="sr-only">{t('title')}</h1>
        {children}
      </main>
    </div>
  );
}
