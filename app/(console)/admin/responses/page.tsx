import { requirePageRole } from '@/lib/auth/session';
import { listResponses } from '@/lib/responses/responses';
import { ResponsesAdmin } from './responses-admin';

export const dynamic = 'force-dynamic';

// A15: the standard-response library (admins only).
export default async function ResponsesPage() {
  const user = await requirePageRole('ADMIN');
  return <ResponsesAdmin initial={await listResponses(user)} />;
}
