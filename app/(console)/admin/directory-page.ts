import 'server-only';
import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { directory } from '@/lib/admin/directory-admin';

/**
 * The shell of the directory pages (groups, skills, queues, routing points): an admin, the
 * directory and the admin texts, read together. Each page then only declares its EntityEditor.
 */
export async function directoryPage() {
  await requirePageRole('ADMIN');
  const [dir, t] = await Promise.all([directory(), getTranslations('admin')]);
  return { ...dir, t };
}
