/**
 * npm run bench:scale — two app instances on different ports, one PostgreSQL, one realtime
 * server; contacts and agents spread across both (an agent's offers are accepted on both
 * instances at once, so every accept races across them). Checks: 0 lost, 0 doubled, every
 * transcript equal to the store, one owner per chat, each invitation accepted exactly once, and
 * the rate limit shared: a burst of chat starts split over both instances is refused by one
 * shared budget. Exits 1 if any check fails. Takes the bench's options (default 100 chats, 1 msg/s).
 */
import { parseOptions } from './harness';
import { runAll } from './flow';

const opts = parseOptions(process.argv.slice(2), { chats: 100, rate: 1, duration: 30, instances: 2, floor: false });
process.exit(await runAll('scale', opts));
