import { requirePageRole } from '@/lib/auth/session';
import { directory } from '@/lib/admin/directory-admin';
import { UsersPanel } from './users-panel';

export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const me = await requirePageRole('ADMIN');
  const d = await directory();
  return <UsersPanel me={me.id} users={d.users} groups={d.groups} skills={d.skills} />;
}
