import { nextSession } from '@/lib/access/with-staff';
import { staffSendRoute } from '@/lib/api/hot-routes';

/**
 * An agent's message. Messaging is the hot path, so it is a plain route handler (like the
 * contact API) rather than a server action, and the fast lane (lib/fast-lane/) serves the same
 * URL with the same function outside Next.js's request pipeline.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return staffSendRoute(req, (await ctx.params).id, nextSession);
}
