import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { requireStaffAccess } from '@/lib/interactions/core/access';
import { readOnlyTranscript } from '@/lib/contacts/history';
import { resolveParams } from '@/lib/reports/params';
import { getSettings } from '@/lib/settings/settings';
import { ReadOnlyTranscript } from './read-only-transcript';

export const dynamic = 'force-dynamic';

const CHAT_ID = /^[A-Za-z0-9_-]{1,64}$/;

// Issue 20: one chat's transcript, read-only, from a report's drill-down or a transcript search
// (with the hit in view). Supervisors only; internal lines under the contact-history rules.
export default async function ReportChatPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole('SUPERVISOR');
  const { id } = await params;
  const sp = await searchParams;
  if (!CHAT_ID.test(id)) notFound();
  try {
    await requireStaffAccess(user, id, 'read');
  } catch (e) {
    if (e instanceof AppError) notFound();
    throw e;
  }
  const [chat, transcript] = await Promise.all([
    db.interaction.findUniqueOrThrow({
      where: { id },
      select: {
        contactName: true,
        createdAt: true,
        rating: true,
        queue: { select: { name: true } },
        disposition: { select: { name: true } },
        participants: { where: { role: { in: ['OWNER', 'CONFERENCE'] } }, select: { user: { select: { name: true } } } },
      },
    }),
    readOnlyTranscript(user, id),
  ]);
  const { timeZone } = resolveParams(sp, new Date(), (await getSettings()).reportsTimeZone);
  const t = await getTranslations('reports');
  const fmt = await getFormatter();
  const hit = typeof sp.hit === 'string' && transcript.messages.some((m) => m.id === sp.hit) ? sp.hit : undefined;
  const agents = [...new Set(chat.participants.map((p) => p.user.name))].join(', ');
  const from = sp.from === 'search' ? 'search' : 'reports';

  return (
    <main className="flex h-full flex-col overflow-auto bg-slate-50 p-4">
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">{t('transcript.title', { contact: chat.contactName })}</h1>
        <a className="text-sm text-blue-800 underline" href={from === 'search' ? '/supervisor/reports/search' : '/supervisor/reports'}>
          {from === 'search' ? t('transcript.backToSearch') : t('transcript.backToReports')}
        </a>
      </div>
      <section aria-label={t('transcript.details')} className="mb-3 rounded border border-slate-200 bg-white p-3 text-sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3">
          <dt className="text-slate-700">{t('transcript.queue')}</dt>
          <dd>{chat.queue.name}</dd>
          <dt className="text-slate-700">{t('transcript.agents')}</dt>
          <dd>{agents || '—'}</dd>
          <dt className="text-slate-700">{t('transcript.created')}</dt>
          <dd>{fmt.dateTime(chat.createdAt, { timeZone, dateStyle: 'medium', timeStyle: 'short' })}</dd>
          <dt className="text-slate-700">{t('transcript.disposition')}</dt>
          <dd>{chat.disposition?.name ?? '—'}</dd>
          <dt className="text-slate-700">{t('transcript.rating')}</dt>
          <dd>{chat.rating === null ? '—' : fmt.number(chat.rating)}</dd>
        </dl>
        {transcript.internalShown && <p className="mt-2 text-slate-700">{t('transcript.internalShown')}</p>}
      </section>
      <section aria-label={t('transcript.readOnly')} className="min-h-0">
        <ReadOnlyTranscript messages={transcript.messages} userId={user.id} highlight={hit ? { id: hit, label: t('transcript.hit') } : undefined} />
      </section>
    </main>
  );
}
