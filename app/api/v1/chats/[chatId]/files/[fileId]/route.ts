import { contactDownload } from '@/lib/attachments/routes';

/** Attachments: one sent file of the chat, by the chat secret (docs/contact-api.md). */
export async function GET(req: Request, ctx: { params: Promise<{ chatId: string; fileId: string }> }) {
  const { chatId, fileId } = await ctx.params;
  return contactDownload(req, chatId, fileId);
}
