// Starts the server-side timers with the app server (every instance runs them; the database's
// conditional updates make each expiry happen once).
export async function register() {
  // Next inlines NEXT_RUNTIME per bundle (so the edge bundle drops the import below): it must stay literal.
  // eslint-disable-next-line no-process-env
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startTimers } = await import('@/lib/routing/timers');
  startTimers();
}
