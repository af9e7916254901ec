import { requirePageRole } from '@/lib/auth/session';
import { listCaseFields } from '@/lib/admin/case-data-admin';
import { CaseDataPanel } from './case-data-panel';

export const dynamic = 'force-dynamic';

export default async function CaseDataPage() {
  await requirePageRole('ADMIN');
  return <CaseDataPanel fields={await listCaseFields()} />;
}
