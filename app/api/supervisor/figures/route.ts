import { NextResponse } from 'next/server';
import { SUPERVISORS } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { queueFigures } from '@/lib/supervisor/figures-data';

/** Queue figures (S3), computed from stored data. */
export const GET = withStaff({ roles: SUPERVISORS }, async () => NextResponse.json(await queueFigures()));
