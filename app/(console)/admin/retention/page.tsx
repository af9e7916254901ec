import { requirePageRole } from '@/lib/auth/session';
import { retentionAdminView } from '@/lib/lifecycle/admin-view';
import { RetentionForm } from './retention-form';

export const dynamic = 'force-dynamic';

/** Issue 22: the admin section "Data retention". */
export default async function AdminRetentionPage() {
  await requirePageRole('ADMIN');
  const view = await retentionAdminView();
  return <RetentionForm initial={view.settings} queues={view.queues} kinds={view.kinds} />;
}
