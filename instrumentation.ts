// Starts the server-side timers with the app server (every instance runs them; the database's
// conditional updates make each expiry happen once), and adds the HTTP server hooks route
// handlers rely on (the peer address, a deterministic refusal of oversize requests).
export async function register() {
  // Next inlines NEXT_RUNTIME per bundle (so the edge bundle drops the import below): it must stay literal.
  // eslint-disable-next-line no-process-env
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installHttpServerHooks } = await import('@/lib/security/http-server-hooks');
  installHttpServerHooks();
  // The supervisors' board registers itself to follow broadcasts (see lib/supervisor/publish.ts).
  await import('@/lib/supervisor/publish');
  const { startTimers } = await import('@/lib/routing/timers');
  startTimers();
  // Attachments: uploads whose message never committed are deleted after an hour.
  const { startOrphanCollector } = await import('@/lib/attachments/collector');
  startOrphanCollector();
  // Mail: the outbox's sender (lib/mail/sender.ts), when SMTP_URL is set.
  const { startMailSender } = await import('@/lib/mail/sender');
  startMailSender();
}
