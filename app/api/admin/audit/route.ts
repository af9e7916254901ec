import { ADMINS } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { auditCsv } from '@/lib/admin/audit-log';
import { auditFilterSchema } from '@/lib/admin/schemas';

/** M6: the audit log as CSV, with the same filters as the page. Admins only. */
export const GET = withStaff({ roles: ADMINS }, async (req) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const csv = await auditCsv(auditFilterSchema.parse(params));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-log-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
