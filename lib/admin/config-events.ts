import 'server-only';
import { channels, events, type ConfigEvent } from '@/lib/realtime/channels';
import { broadcast } from '@/lib/realtime/server';
import type { Settings } from '@/lib/settings/settings';

/** Tells every open staff view that configuration changed (after the change committed). */
export async function announceConfig(settings: Settings): Promise<void> {
  const data: ConfigEvent = {
    timers: { yellowSec: settings.pendingYellowSec, redSec: settings.pendingRedSec },
    dispositionRequired: settings.dispositionRequired,
  };
  await broadcast([{ channel: channels.staff, name: events.config, data }]);
}
