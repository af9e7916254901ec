import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth';

export default async function AdminPage() {
  await requirePageRole('ADMIN');
  const t = await getTranslations('common');
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">{t('nav.admin')}</h1>
      <p className="text-slate-600">{t('comingSoon')}</p>
    </main>
  );
}
