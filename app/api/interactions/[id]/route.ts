import { nextSession } from '@/lib/access/with-staff';
import { staffRead } from '@/lib/api/hot-routes';

/** One chat for staff, or its transcript after ?after=N (also served by the fast lane, lib/fast-lane/). */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return staffRead(req, (await ctx.params).id, nextSession);
}
