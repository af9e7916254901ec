import { contactTypingRoute } from '@/lib/api/hot-routes';

/** X8: the contact's typing notice (also served by the fast lane, lib/fast-lane/). */
export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return contactTypingRoute(req, (await ctx.params).chatId);
}
