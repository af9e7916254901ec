import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { listOfflineMessages } from '@/lib/widget/offline-inbox';
import { ageOf } from '@/lib/widget/offline-age';
import { OFFLINE_STATES, type OfflineState } from '@/lib/widget/offline-schemas';
import { OfflineInbox } from './offline-inbox';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('offline.inbox');
  return { title: t('title') };
}

// Issue 18: what contacts left while their queue was offline; agents and supervisors take and answer them.
export default async function OfflineMessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole('AGENT', 'SUPERVISOR');
  const t = await getTranslations('offline.inbox');
  const raw = (await searchParams).state;
  const state = OFFLINE_STATES.find((s) => s === raw) as OfflineState | undefined;
  const now = new Date();
  const rows = (await listOfflineMessages(user, { state })).map((r) => ({ ...r, age: ageOf(new Date(r.createdAt), now) }));
  return (
    <main className="h-full overflow-y-auto p-6">
      <h1 className="mb-3 text-xl font-semibold">{t('title')}</h1>
      <nav aria-label={t('filter')} className="mb-3 flex gap-3 text-sm">
        {[undefined, ...OFFLINE_STATES].map((s) => (
          <a key={s ?? 'all'} href={s ? `/offline-messages?state=${s}` : '/offline-messages'} aria-current={s === state ? 'page' : undefined} className="text-blue-800 underline-offset-2 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline">
            {s ? t(`states.${s}`) : t('all')}
          </a>
        ))}
      </nav>
      <OfflineInbox rows={rows} me={user.id} supervisor={user.role === 'SUPERVISOR'} />
    </main>
  );
}
