import { nextSession } from '@/lib/access/with-staff';
import { staffTypingRoute } from '@/lib/api/hot-routes';

/** The agent's typing notice (also served by the fast lane, lib/fast-lane/). */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return staffTypingRoute(req, (await ctx.params).id, nextSession);
}
