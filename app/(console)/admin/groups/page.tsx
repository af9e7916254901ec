import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { directory } from '@/lib/admin/directory-admin';
import { createGroupAction, deleteGroupAction, updateGroupAction } from '../actions';
import { EntityEditor } from '../entity-editor';

export const dynamic = 'force-dynamic';

export default async function GroupsPage() {
  await requirePageRole('ADMIN');
  const [{ groups }, t] = await Promise.all([directory(), getTranslations('admin')]);
  return (
    <EntityEditor
      id="groups"
      title={t('groups.title')}
      newTitle={t('groups.new')}
      schema="group"
      fields={[
        { name: 'name', label: t('groups.name'), kind: 'text' },
        { name: 'genericNickname', label: t('groups.genericNickname'), kind: 'text' },
      ]}
      empty={{ name: '', genericNickname: '' }}
      rows={groups.map((g) => ({ id: g.id, title: g.name, values: { name: g.name, genericNickname: g.genericNickname ?? '' }, note: `${t('groups.members')}: ${g.members}` }))}
      create={createGroupAction}
      update={updateGroupAction}
      remove={deleteGroupAction}
    />
  );
}
