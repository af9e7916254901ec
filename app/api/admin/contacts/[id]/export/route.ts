import { ADMINS } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { exportContact } from '@/lib/lifecycle/contact-rights';
import { recordIdSchema } from '@/lib/lifecycle/input';

/** Issue 22 "Export data": everything held about one contact, as one JSON file. Admins only. */
export const GET = withStaff({ roles: ADMINS }, async (_req, { params }) => {
  const id = recordIdSchema.parse(params.id);
  const data = await exportContact(id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="contact-${id}.json"`,
      'cache-control': 'no-store',
    },
  });
});
