import { requirePageRole } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { hoursConfig } from '@/lib/widget/hours-store';
import { BusinessHoursForm, type QueueHoursRow } from './business-hours-form';

export const dynamic = 'force-dynamic';

export default async function AdminBusinessHoursPage() {
  await requirePageRole('ADMIN');
  const [config, queues] = await Promise.all([hoursConfig(), db.queue.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })]);
  const rows: QueueHoursRow[] = queues.map((q) => {
    const s = config.queues[q.id];
    return {
      queueId: q.id,
      name: q.name,
      alwaysOpen: s?.alwaysOpen ?? true,
      timeZone: s?.timeZone ?? 'America/Toronto',
      intervals: s?.intervals ?? [],
      holidays: s?.holidays ?? [],
    };
  });
  return <BusinessHoursForm offlineWhenNoAgent={config.offlineWhenNoAgent} queues={rows} />;
}
