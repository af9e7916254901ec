import { currentUser } from '@/lib/auth/session';
import { staffUpload } from '@/lib/attachments/routes';

/** Attachments: staff upload one file as the raw body. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return staffUpload(req, (await ctx.params).id, () => currentUser());
}
