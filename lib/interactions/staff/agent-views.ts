import 'server-only';
import { db } from '@/lib/db';
import { caseDataFor } from '@/lib/case-data/case-data';
import { getSettings } from '@/lib/settings/settings';
import { requireStaffAccess, type Staff } from '../core/access';
import { listMessages } from '../core/messages';
import { invitationPreviews } from '@/lib/collaboration/invitations';
import { LIVE_MEMBERS } from '@/lib/access/participant-roles';

// Read models of the agent's page: the workspace, one chat's view, a transcript after a seq.

/** The agent's side of the page: state, open interactions, pending invitations. */
export async function workspace(user: Staff) {
  const [me, mine, invitations, settings, dispositions] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, name: true, agentStatus: true, notReadyReason: true, capacity: true } }),
    db.interaction.findMany({
      where: { participants: { some: { userId: user.id, leftAt: null, role: { in: [...LIVE_MEMBERS] } } }, status: { in: ['ACTIVE', 'ENDED'] } },
      orderBy: { acceptedAt: 'asc' },
      select: {
        id: true,
        status: true,
        createdAt: true,
        pendingSince: true,
        contactConnected: true,
        lastSeq: true,
        contactName: true,
        contact: { select: { name: true } },
        messages: { where: { visibility: 'EVERYONE', kind: 'TEXT' }, orderBy: { seq: 'desc' }, take: 3, select: { senderName: true, text: true } },
      },
    }),
    db.invitation.findMany({
      where: { targetUserId: user.id, status: 'PENDING', expiresAt: { gt: new Date() } },
      select: { id: true, interactionId: true, kind: true, expiresAt: true, interaction: { select: { subject: true, contactName: true, contact: { select: { name: true } }, queue: { select: { name: true } } } } },
    }),
    getSettings(),
    db.dispositionCode.findMany({ where: { retired: false }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } }),
  ]);
  const previews = await invitationPreviews(invitations.map((v) => v.id));
  return {
    me,
    timers: { yellowSec: settings.pendingYellowSec, redSec: settings.pendingRedSec },
    dispositionRequired: settings.dispositionRequired,
    dispositions,
    interactions: mine.map((i) => ({
      id: i.id,
      status: i.status,
      contactName: i.contactName || i.contact.name,
      createdAt: i.createdAt.toISOString(),
      pendingSince: i.pendingSince?.toISOString() ?? null,
      contactConnected: i.contactConnected,
      lastLines: i.messages.reverse().map((m) => `${m.senderName}: ${m.text}`),
    })),
    invitations: invitations.map((v) => ({
      invitationId: v.id,
      interactionId: v.interactionId,
      kind: v.kind,
      contactName: v.interaction.contactName || v.interaction.contact.name,
      subject: v.interaction.subject,
      queueName: v.interaction.queue.name,
      expiresAt: v.expiresAt.toISOString(),
      ...previews.get(v.id),
    })),
  };
}
export type Workspace = Awaited<ReturnType<typeof workspace>>;

/** One chat as its agent sees it: header, case data, transcript from a seq. */
export async function interactionDetail(user: Staff, interactionId: string, afterSeq = 0) {
  const access = await requireStaffAccess(user, interactionId, 'read');
  const i = await db.interaction.findUniqueOrThrow({
    where: { id: interactionId },
    select: {
      id: true,
      status: true,
      subject: true,
      createdAt: true,
      pendingSince: true,
      contactConnected: true,
      dispositionId: true,
      lastSeq: true,
      contactName: true,
      unverifiedMatch: true,
      contact: { select: { id: true, name: true, emails: { select: { email: true } }, phones: { select: { phone: true, label: true } } } },
      queue: { select: { name: true } },
    },
  });
  const [messages, caseData] = await Promise.all([listMessages({ interactionId, visibility: 'EVERYONE', afterSeq }), caseDataFor(interactionId)]);
  return {
    access,
    id: i.id,
    status: i.status,
    subject: i.subject,
    createdAt: i.createdAt.toISOString(),
    pendingSince: i.pendingSince?.toISOString() ?? null,
    contactConnected: i.contactConnected,
    dispositionId: i.dispositionId,
    lastSeq: i.lastSeq,
    queueName: i.queue.name,
    // What the contact typed; `contact` is the linked record, matched without verification when flagged.
    contactName: i.contactName || i.contact.name,
    unverifiedMatch: i.unverifiedMatch,
    contact: {
      id: i.contact.id,
      name: i.contact.name,
      emails: i.contact.emails.map((e) => e.email),
      phones: i.contact.phones.map((p) => p.phone),
    },
    caseData,
    messages,
  };
}
export type InteractionDetail = Awaited<ReturnType<typeof interactionDetail>>;

export async function transcriptSince(user: Staff, interactionId: string, afterSeq: number) {
  await requireStaffAccess(user, interactionId, 'read');
  return listMessages({ interactionId, visibility: 'EVERYONE', afterSeq });
}
