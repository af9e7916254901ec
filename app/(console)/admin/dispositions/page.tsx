import { requirePageRole } from '@/lib/auth/session';
import { listDispositions } from '@/lib/admin/dispositions-admin';
import { readAdminSettings } from '@/lib/admin/settings-admin';
import { DispositionsPanel } from './dispositions-panel';

export const dynamic = 'force-dynamic';

export default async function DispositionsPage() {
  await requirePageRole('ADMIN');
  const [codes, settings] = await Promise.all([listDispositions(), readAdminSettings()]);
  return (
    <DispositionsPanel
      required={settings.dispositionRequired}
      codes={codes.map((c) => ({ id: c.id, name: c.name, retired: c.retired, used: c._count.interactions }))}
    />
  );
}
