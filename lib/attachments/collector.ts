import 'server-only';
import { logger } from '@/lib/log';
import { collectOrphans } from './attachments';
import { SharedUploadBudgets } from './shared-budgets';

const EVERY_MS = 15 * 60_000;
let started = false;

/**
 * Deletes uploads no message claimed within an hour (their send never committed), and expired
 * upload slots, every 15 minutes on every instance: deleting rows another instance already took
 * is harmless.
 */
export function startOrphanCollector() {
  if (started) return;
  started = true;
  const tick = async () => {
    try {
      const { rows, files } = await collectOrphans();
      if (rows) logger.info('attachment orphans collected', { rows, files });
      await SharedUploadBudgets.sweep();
    } catch (e) {
      logger.error('attachment orphan collection failed', { error: String(e) });
    }
  };
  setInterval(() => void tick(), EVERY_MS).unref();
}
