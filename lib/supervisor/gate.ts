import 'server-only';
import { requireRole } from '@/lib/auth/session';
import { assertSameOrigin } from '@/lib/http';

/** The supervisor routes: same-site, a signed-in supervisor (an admin is not one). */
export async function supervisorGate(req: Request) {
  assertSameOrigin(req);
  return requireRole('SUPERVISOR');
}
