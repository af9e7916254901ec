// Which offline messages an agent sees and may take (issue 18): the ones routing would offer them
// as a chat. A message needs its queue's skill, or, in a queue without one, the skill of the
// language it was written in (French for fr-CA, English otherwise), as startChat does for chats.
// Supervisors see and take every queue's. Pure; the inbox query (offline-inbox.ts) says the same in SQL.

export type LanguageSkillName = 'English' | 'French';

/** The language skill routing would require for a contact writing in `locale`. */
export function languageSkillName(locale: string): LanguageSkillName {
  return locale.toLowerCase().startsWith('fr') ? 'French' : 'English';
}

/** The skill a message needs: the queue's, else its language's (null when that skill does not exist). */
export function offlineRequiredSkill(queueSkillId: string | null, locale: string, languageSkills: Partial<Record<LanguageSkillName, string>>): string | null {
  return queueSkillId ?? languageSkills[languageSkillName(locale)] ?? null;
}

/** Whether this staff member sees (and may take) a message needing `requiredSkillId`. */
export function mayServeOffline(user: { role: 'AGENT' | 'SUPERVISOR' | 'ADMIN'; skillIds: readonly string[] }, requiredSkillId: string | null): boolean {
  if (user.role === 'SUPERVISOR') return true;
  if (user.role !== 'AGENT') return false;
  return requiredSkillId === null || user.skillIds.includes(requiredSkillId);
}
