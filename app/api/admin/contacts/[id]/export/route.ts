import { requireRole } from '@/lib/auth/session';
import { handle } from '@/lib/http';
import { exportContact } from '@/lib/lifecycle/contact-rights';
import { recordIdSchema } from '@/lib/lifecycle/input';

/** Issue 22 "Export data": everything held about one contact, as one JSON file. Admins only. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole('ADMIN');
    const id = recordIdSchema.parse((await ctx.params).id);
    const data = await exportContact(id);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="contact-${id}.json"`,
        'cache-control': 'no-store',
      },
    });
  });
}
