import { contactUpload } from '@/lib/attachments/routes';

/** Attachments: the contact uploads one file as the raw body (docs/contact-api.md). */
export async function POST(req: Request, ctx: { params: Promise<{ chatId: string }> }) {
  return contactUpload(req, (await ctx.params).chatId);
}
