import { NextResponse } from 'next/server';
import { requireRole } from '@/lib/auth/session';
import { handle } from '@/lib/http';
import { myConsultations } from '@/lib/collaboration/consultation';

/** T4: the consultations the signed-in agent is consulted on (their console's side panels). */
export async function GET() {
  return handle(async () => NextResponse.json({ consultations: await myConsultations(await requireRole('AGENT', 'SUPERVISOR')) }));
}
