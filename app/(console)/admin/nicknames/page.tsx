import { requirePageRole } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { readAdminSettings } from '@/lib/admin/settings-admin';
import { NicknamesPanel } from './nicknames-panel';

export const dynamic = 'force-dynamic';

export default async function NicknamesPage() {
  await requirePageRole('ADMIN');
  const [settings, agents, groups] = await Promise.all([
    readAdminSettings(),
    db.user.findMany({
      where: { role: { in: ['AGENT', 'SUPERVISOR'] } },
      orderBy: [{ active: 'desc' }, { name: 'asc' }],
      select: { id: true, name: true, nickname: true, groupId: true, active: true },
    }),
    db.group.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, genericNickname: true } }),
  ]);
  return <NicknamesPanel policy={settings.nicknamePolicy} agents={agents} groups={groups} />;
}
