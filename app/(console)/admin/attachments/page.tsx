import { requirePageRole } from '@/lib/auth/session';
import { attachmentPolicy } from '@/lib/attachments/settings';
import { AttachmentsForm } from './attachments-form';

export const dynamic = 'force-dynamic';

export default async function AdminAttachmentsPage() {
  await requirePageRole('ADMIN');
  return <AttachmentsForm initial={await attachmentPolicy()} />;
}
