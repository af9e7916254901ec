import { requirePageRole } from '@/lib/auth/session';
import { ContactsSearch } from './contacts-search';

export const dynamic = 'force-dynamic';

/** Issue 22: the admin page "Contacts" (admins only): search, export, erase. */
export default async function AdminContactsPage() {
  await requirePageRole('ADMIN');
  return <ContactsSearch />;
}
