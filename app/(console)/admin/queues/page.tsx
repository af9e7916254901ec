import { createQueueAction, deleteQueueAction, updateQueueAction } from '../actions';
import { directoryPage } from '../directory-page';
import { EntityEditor } from '../entity-editor';

export const dynamic = 'force-dynamic';

export default async function QueuesPage() {
  const { queues, skills, t } = await directoryPage();
  return (
    <EntityEditor
      id="queues"
      title={t('queues.title')}
      newTitle={t('queues.new')}
      schema="queue"
      fields={[
        { name: 'name', label: t('queues.name'), kind: 'text' },
        { name: 'skillId', label: t('queues.skill'), kind: 'select', options: [{ value: '', label: t('queues.noSkill') }, ...skills.map((s) => ({ value: s.id, label: s.name }))] },
        { name: 'isDefault', label: t('queues.isDefault'), kind: 'checkbox' },
      ]}
      empty={{ name: '', skillId: '', isDefault: false }}
      rows={queues.map((q) => ({ id: q.id, title: q.name, values: { name: q.name, skillId: q.skillId ?? '', isDefault: q.isDefault }, note: q.isDefault ? t('queues.default') : undefined }))}
      create={createQueueAction}
      update={updateQueueAction}
      remove={deleteQueueAction}
    />
  );
}
