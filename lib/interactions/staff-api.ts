import 'server-only';
import { requireRole } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { idSchema } from './schemas';

/** Common gate of the staff chat API: a signed-in agent or supervisor and a well-formed chat id. */
export async function staffGate(rawId: string) {
  const user = await requireRole('AGENT', 'SUPERVISOR');
  const id = idSchema.safeParse(rawId);
  if (!id.success) throw new AppError('notFound');
  return { user, interactionId: id.data };
}
