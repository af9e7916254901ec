import { createGroupAction, deleteGroupAction, updateGroupAction } from '../actions';
import { directoryPage } from '../directory-page';
import { EntityEditor } from '../entity-editor';

export const dynamic = 'force-dynamic';

export default async function GroupsPage() {
  const { groups, t } = await directoryPage();
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
