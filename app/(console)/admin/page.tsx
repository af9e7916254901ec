import { requirePageRole } from '@/lib/auth/session';
import { readAdminSettings } from '@/lib/admin/settings-admin';
import { TIMER_KEYS } from '@/lib/admin/schemas';
import { zoneChoices } from '@/lib/reports/zone-setting';
import { RatingSettingsForm } from './rating-form';
import { ReportsZoneForm } from './reports-zone-form';
import { TimersForm } from './timers-form';

export const dynamic = 'force-dynamic';

export default async function AdminTimersPage() {
  await requirePageRole('ADMIN');
  const s = await readAdminSettings();
  const initial = { ...Object.fromEntries(TIMER_KEYS.map((k) => [k, s[k]])), monitoringVisible: s.monitoringVisible } as Parameters<typeof TimersForm>[0]['initial'];
  return (
    <>
      <TimersForm initial={initial} />
      <RatingSettingsForm initial={s.ratingEnabled} />
      <ReportsZoneForm initial={s.reportsTimeZone} choices={zoneChoices(s.reportsTimeZone)} />
    </>
  );
}
