import { nextSession } from '@/lib/access/with-staff';
import { staffUpload } from '@/lib/attachments/routes';

/** Attachments: staff upload one file as the raw body. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return staffUpload(req, (await ctx.params).id, nextSession);
}
