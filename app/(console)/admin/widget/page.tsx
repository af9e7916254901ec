import { requirePageRole } from '@/lib/auth/session';
import { widgetAdminView } from '@/lib/widget/settings';
import { prechatAdminView } from '@/lib/widget/prechat-store';
import { WidgetForm } from './widget-form';
import { PrechatForms } from './prechat-forms';

export const dynamic = 'force-dynamic';

export default async function AdminWidgetPage() {
  await requirePageRole('ADMIN');
  const [widget, prechat] = await Promise.all([widgetAdminView(), prechatAdminView()]);
  return (
    <>
      <WidgetForm initial={widget} />
      <PrechatForms view={prechat} />
    </>
  );
}
