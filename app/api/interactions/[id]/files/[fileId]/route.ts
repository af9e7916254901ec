import { nextSession } from '@/lib/access/with-staff';
import { staffDownload } from '@/lib/attachments/routes';

/** Attachments: one file of the chat, for staff who may read it. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string; fileId: string }> }) {
  const { id, fileId } = await ctx.params;
  return staffDownload(req, id, fileId, nextSession);
}
