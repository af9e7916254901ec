import { NextResponse } from 'next/server';
import { handle } from '@/lib/http';
import { queueFigures } from '@/lib/supervisor/figures-data';
import { supervisorGate } from '@/lib/supervisor/gate';

/** Queue figures (S3), computed from stored data. */
export async function GET(req: Request) {
  return handle(async () => {
    await supervisorGate(req);
    return NextResponse.json(await queueFigures());
  });
}
