// A5: what a contact (and the agent's own transcript) shows for an agent.
export const NICKNAME_POLICIES = ['personal-group-name', 'group-name', 'name'] as const;
export type NicknamePolicy = (typeof NICKNAME_POLICIES)[number];

export function displayNameFor(
  user: { name: string; nickname: string | null },
  group: { genericNickname: string | null } | null,
  policy: NicknamePolicy,
): string {
  const personal = user.nickname?.trim() || null;
  const generic = group?.genericNickname?.trim() || null;
  switch (policy) {
    case 'personal-group-name':
      return personal ?? generic ?? user.name;
    case 'group-name':
      return generic ?? user.name;
    case 'name':
      return user.name;
  }
}
