/**
 * npm run bench — the product under load against the floor, side by side.
 *
 *   npm run bench                                   # small default run: 20 chats, 1 msg/s per side, 20 s
 *   npm run bench -- --chats 200 --rate 1 --duration 60
 *   npm run bench -- --chats 1000 --rate 0.2 --duration 60
 *   npm run bench -- --search --chats 100 --rate 1  # largest load with p99 ≤ 100 ms, 0 lost, 0 doubled
 *
 * Options: --chats N · --rate msgs/s per side per chat · --duration s · --agents N (default
 * chats/capacity) · --capacity N (default 5) · --workers N load-generator processes (default 4) ·
 * --database-url URL (default: a fresh embedded PostgreSQL) · --no-floor · --search
 * [--search-duration s] · --overload [--overload-factor 2] [--overload-duration 30] (normal load, then
 * factor × it, then normal again: shedding and recovery) · --start-rate chat starts/s · --no-build (use
 * .next even if stale) · --supervisors N (keep N supervisor boards open in headless Chromium; reports
 * their long tasks and each board's lag behind the store; see bench/supervisor-boards.ts) ·
 * --image-share S (0–1, default 0) --image-kb K (default 200): that share of messages carry a
 * K KB PNG, uploaded first under the message's client id (retried, idempotent) and sent with the
 * message through the same outbox; the run then checks each is stored exactly once with its file.
 * Writes bench/results/bench-<time>.json and .html; exits 1 if anything was lost or doubled.
 */
import { parseOptions } from './harness';
import { runAll } from './flow';

const opts = parseOptions(process.argv.slice(2));
process.exit(await runAll('bench', opts));
