import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { displayNameFor } from '@/lib/directory/nickname';
import { routeQueued } from '@/lib/routing/router';
import { getSettings } from '@/lib/settings/settings';
import { boardTouch } from '@/lib/supervisor/publish';
import type { Staff } from '../core/access';
import type { notReadyReasons } from '../core/schemas';

// Agent state (R3): Ready, Not Ready with a reason, Logged out; the name an agent shows.

export async function nicknameOf(userId: string): Promise<string> {
  const [user, settings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, nickname: true, group: { select: { genericNickname: true } } } }),
    getSettings(),
  ]);
  return displayNameFor(user, user.group, settings.nicknamePolicy);
}

export async function setAgentState(user: Staff, state: { status: 'READY' } | { status: 'NOT_READY'; reason: (typeof notReadyReasons)[number] } | { status: 'LOGGED_OUT' }) {
  if (user.role === 'ADMIN') throw new AppError('forbidden');
  await db.user.update({
    where: { id: user.id },
    data: {
      agentStatus: state.status,
      notReadyReason: state.status === 'NOT_READY' ? state.reason : null,
      ...(state.status === 'READY' ? { idleSince: new Date() } : {}),
    },
  });
  boardTouch({ agents: [user.id] });
  if (state.status === 'READY') await routeQueued();
  return state;
}
