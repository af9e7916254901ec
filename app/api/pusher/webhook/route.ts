import { NextResponse } from 'next/server';
import { contactPresenceChanges, type PresenceWebhookEvent } from '@/lib/realtime/presence-events';
import { pusherClient } from '@/lib/realtime/server';
import { setContactsConnected } from '@/lib/interactions/contact/presence';
import { handle, MAX_WEBHOOK_BODY, readText } from '@/lib/http';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';

// Presence webhooks from the realtime server (embedded or hosted): the contact's connection state (C4).
export async function POST(req: Request) {
  return handle(async () => {
    // The signature covers the body, so it can only be checked after reading it: read at most
    // MAX_WEBHOOK_BODY, and only from a sender that names our key.
    if (req.headers.get('x-pusher-key') !== env.PUSHER_KEY) {
      logger.warn('webhook for another key refused');
      return NextResponse.json({ error: { code: 'unauthorized', message: 'bad signature' } }, { status: 401 });
    }
    const rawBody = await readText(req, MAX_WEBHOOK_BODY);
    const webhook = pusherClient().webhook({ headers: Object.fromEntries(req.headers), rawBody });
    if (!webhook.isValid()) {
      logger.warn('webhook with a bad signature refused');
      return NextResponse.json({ error: { code: 'unauthorized', message: 'bad signature' } }, { status: 401 });
    }
    // The batch's time orders webhooks from several realtime nodes (lib/interactions/contact/presence.ts).
    const at = webhook.getTime();
    const when = Number.isNaN(at.getTime()) ? new Date() : at;
    // One statement and one broadcast for the batch, each chat at its last state in it.
    await setContactsConnected(contactPresenceChanges(webhook.getEvents() as PresenceWebhookEvent[]), when);
    return NextResponse.json({ ok: true });
  });
}
