import { currentUser } from '@/lib/auth/session';
import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http';
import { staffGate } from '@/lib/interactions/staff/staff-api';
import { relayVoiceSignal, voiceConfig, voiceSignalSchema } from '@/lib/collaboration/voice';

/** T4 voice consultation: the ICE servers to use (GET), and one signalling step relayed to the other agent (POST). */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id, () => currentUser());
    return NextResponse.json(await voiceConfig(user, interactionId));
  });
}

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { user, interactionId } = await staffGate(req, (await ctx.params).id, () => currentUser());
    return NextResponse.json(await relayVoiceSignal(user, interactionId, voiceSignalSchema.parse(await readJson(req))));
  });
}
