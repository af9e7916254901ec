import 'server-only';
import type { ActiveStaff } from '@/lib/auth/active-staff';
import { AppError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/http';
import { idSchema } from '../core/schemas';

/**
 * Who is calling, from the request: next-auth's `getServerSession` inside Next.js, the same
 * session cookie decoded directly in the fast lane (lib/auth/session-token.ts).
 */
export type StaffResolver = (req: Request) => Promise<ActiveStaff | null>;

/** Common gate of the staff chat API: same-site, a signed-in agent or supervisor, a well-formed chat id. */
export async function staffGate(req: Request, rawId: string, resolveStaff: StaffResolver) {
  assertSameOrigin(req);
  const user = await resolveStaff(req);
  if (!user) throw new AppError('unauthorized');
  if (user.role !== 'AGENT' && user.role !== 'SUPERVISOR') throw new AppError('forbidden');
  const id = idSchema.safeParse(rawId);
  if (!id.success) throw new AppError('notFound');
  return { user, interactionId: id.data };
}
