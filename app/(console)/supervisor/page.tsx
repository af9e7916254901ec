import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentUser, homeFor } from '@/lib/auth';

export default async function SupervisorPage() {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (user.role !== 'SUPERVISOR') redirect(homeFor(user.role));
  const t = await getTranslations('common');
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">{t('nav.supervisor')}</h1>
      <p className="text-slate-600">{t('comingSoon')}</p>
    </main>
  );
}
