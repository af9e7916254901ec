import { contactSendRoute } from '@/lib/api/hot-routes';

/** X8: send a message (also served by the fast lane, lib/fast-lane/). */
export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return contactSendRoute(req, (await ctx.params).chatId);
}
