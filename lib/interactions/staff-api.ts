import 'server-only';
import { requireRole } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/http';
import { idSchema } from './schemas';

/** Common gate of the staff chat API: same-site, a signed-in agent or supervisor, a well-formed chat id. */
export async function staffGate(req: Request, rawId: string) {
  assertSameOrigin(req);
  const user = await requireRole('AGENT', 'SUPERVISOR');
  const id = idSchema.safeParse(rawId);
  if (!id.success) throw new AppError('notFound');
  return { user, interactionId: id.data };
}
