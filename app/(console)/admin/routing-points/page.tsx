import { createRoutingPointAction, deleteRoutingPointAction, updateRoutingPointAction } from '../actions';
import { directoryPage } from '../directory-page';
import { EntityEditor } from '../entity-editor';

export const dynamic = 'force-dynamic';

export default async function RoutingPointsPage() {
  const { routingPoints, queues, skills, t } = await directoryPage();
  return (
    <EntityEditor
      id="routing-points"
      title={t('routingPoints.title')}
      newTitle={t('routingPoints.new')}
      schema="routingPoint"
      fields={[
        { name: 'name', label: t('routingPoints.name'), kind: 'text' },
        { name: 'queueId', label: t('routingPoints.queue'), kind: 'select', options: queues.map((q) => ({ value: q.id, label: q.name })) },
        { name: 'skillId', label: t('routingPoints.skill'), kind: 'select', options: [{ value: '', label: t('routingPoints.noSkill') }, ...skills.map((s) => ({ value: s.id, label: s.name }))] },
      ]}
      empty={{ name: '', queueId: queues.find((q) => q.isDefault)?.id ?? queues[0]?.id ?? '', skillId: '' }}
      rows={routingPoints.map((r) => ({ id: r.id, title: r.name, values: { name: r.name, queueId: r.queueId, skillId: r.skillId ?? '' } }))}
      create={createRoutingPointAction}
      update={updateRoutingPointAction}
      remove={deleteRoutingPointAction}
    />
  );
}
