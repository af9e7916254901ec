import { NextResponse } from 'next/server';
import { requireRole } from '@/lib/auth/session';
import { handle } from '@/lib/http';
import { workspace } from '@/lib/interactions/staff/agent-views';

export async function GET() {
  return handle(async () => NextResponse.json(await workspace(await requireRole('AGENT', 'SUPERVISOR'))));
}
