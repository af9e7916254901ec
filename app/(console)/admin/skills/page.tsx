import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { directory } from '@/lib/admin/directory-admin';
import { createSkillAction, deleteSkillAction, updateSkillAction } from '../actions';
import { EntityEditor } from '../entity-editor';

export const dynamic = 'force-dynamic';

export default async function SkillsPage() {
  await requirePageRole('ADMIN');
  const [{ skills }, t] = await Promise.all([directory(), getTranslations('admin')]);
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
