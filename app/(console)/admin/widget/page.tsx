import { requirePageRole } from '@/lib/auth/session';
import { widgetAdminView } from '@/lib/widget/settings';
import { WidgetForm } from './widget-form';

export const dynamic = 'force-dynamic';

export default async function AdminWidgetPage() {
  await requirePageRole('ADMIN');
  return <WidgetForm initial={await widgetAdminView()} />;
}
