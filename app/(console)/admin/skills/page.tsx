import { createSkillAction, deleteSkillAction, updateSkillAction } from '../actions';
import { directoryPage } from '../directory-page';
import { EntityEditor } from '../entity-editor';

export const dynamic = 'force-dynamic';

export default async function SkillsPage() {
  const { skills, t } = await directoryPage();
  return (
    <EntityEditor
      id="skills"
      title={t('skills.title')}
      newTitle={t('skills.new')}
      schema="skill"
      fields={[{ name: 'name', label: t('skills.name'), kind: 'text' }]}
      empty={{ name: '' }}
      rows={skills.map((s) => ({ id: s.id, title: s.name, values: { name: s.name } }))}
      create={createSkillAction}
      update={updateSkillAction}
      remove={deleteSkillAction}
    />
  );
}
