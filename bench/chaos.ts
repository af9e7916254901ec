/**
 * npm run chaos — a bench run during which the realtime server is killed (kill -9) twice and the
 * app server once, each restarted on the same port after 3 s. Clients keep typing; their outbox
 * retries with the same client id and their transcripts catch up from the store on reconnect.
 * Then: every acknowledged message stored exactly once, every message typed (also during the
 * outages) eventually stored exactly once, every client's transcript equal to the stored one in
 * seq order. Exits 1 on any loss, doubling or divergence.
 *
 *   npm run chaos                 # 30 chats, 1 msg/s per side, 60 s of load
 *   npm run chaos -- --short      # for CI: 10 chats, 40 s of load (~75–90 s in all)
 * Also takes the bench's options (--chats, --rate, --duration, --workers, --database-url, --no-build).
 */
import { parseOptions } from './harness';
import { runAll } from './flow';

const short = process.argv.includes('--short');
const opts = parseOptions(process.argv.slice(2), {
  chats: short ? 10 : 30,
  rate: 1,
  duration: short ? 40 : 60,
  workers: short ? 2 : 3,
  floor: false,
  chaos: true,
});
process.exit(await runAll('chaos', opts));
