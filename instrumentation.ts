// Starts the server-side timers with the app server (every instance runs them; the database's
// conditional updates make each expiry happen once).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startTimers } = await import('@/lib/routing/timers');
  startTimers();
}
