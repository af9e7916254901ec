import { CHAT_STAFF } from '@/lib/access/staff-roles';
import { withStaff } from '@/lib/access/with-staff';
import { NextResponse } from 'next/server';
import { readJson } from '@/lib/http';
import { relayVoiceSignal, voiceConfig, voiceSignalSchema } from '@/lib/collaboration/voice';

/** T4 voice consultation: the ICE servers to use (GET), and one signalling step relayed to the other agent (POST). */
export const GET = withStaff({ roles: CHAT_STAFF, chat: 'id' }, async (_req, { user, interactionId }) => NextResponse.json(await voiceConfig(user, interactionId)));

export const POST = withStaff({ roles: CHAT_STAFF, chat: 'id' }, async (req, { user, interactionId }) =>
  NextResponse.json(await relayVoiceSignal(user, interactionId, voiceSignalSchema.parse(await readJson(req)))),
);
