import { contactRead } from '@/lib/api/hot-routes';

/** X8: the chat's status and its contact-visible transcript after `after` (a seq). Also served by the fast lane. */
export async function GET(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return contactRead(req, (await ctx.params).chatId);
}
