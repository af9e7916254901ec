/**
 * `npm run bench:reports` (issue 20): a fresh embedded PostgreSQL, migrated and seeded, loaded with a
 * synthetic history generated in SQL (default 100,000 chats, 2,000,000 messages, 90 days, 40
 * agents), then each 30-day report timed through the app's own code (lib/reports), and the
 * per-chat CSV's streaming rate. Prints a Markdown table (p50/p95 per report, rows/s).
 *
 * Options: --chats N (100000) · --messages-per-chat N (20) · --runs N (10) · --database-url URL
 */
import { register } from 'node:module';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import pg from 'pg';
import { makeTempPgDir, startEmbeddedPg } from '../scripts/lib/embedded-pg';
import { migrateDeploy, seed } from '../scripts/lib/steps';

register('../scripts/lib/server-only-hook.mjs', import.meta.url);

const { values: args } = parseArgs({
  options: {
    chats: { type: 'string', default: '100000' },
    'messages-per-chat': { type: 'string', default: '20' },
    runs: { type: 'string', default: '10' },
    'database-url': { type: 'string' },
  },
});
const CHATS = Number(args.chats);
const PER = Number(args['messages-per-chat']);
const RUNS = Number(args.runs);

const say = (s: string) => process.stdout.write(`${s}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function main() {
  let stop = async () => {};
  let url = args['database-url'];
  if (!url) {
    const { root, dataDir } = makeTempPgDir('chat-bench-reports-');
    const pgServer = await startEmbeddedPg({ dataDir, port: 0, database: 'bench_reports' });
    url = pgServer.url;
    stop = async () => {
      await pgServer.stop();
      fs.rmSync(root, { recursive: true, force: true });
    };
  }
  try {
    const env = {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_SECRET: 'bench-reports-secret-0123456789abcdef',
      NEXTAUTH_URL: 'http://127.0.0.1:3999',
      PUSHER_APP_ID: 'bench',
      PUSHER_KEY: 'bench',
      PUSHER_SECRET: 'bench',
      PUSHER_HOST: '127.0.0.1',
      PUSHER_PORT: '9',
      PUSHER_USE_TLS: 'false',
    };
    await migrateDeploy(env, true);
    await seed(env);
    Object.assign(process.env, env);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // 40 agents: the seeded ones plus bench agents.
    await client.query(`
      INSERT INTO "User" (id, email, name, "passwordHash", role, "createdAt")
      SELECT 'bench-agent-' || g, 'bench-agent-' || g || '@example.com', 'Bench Agent ' || g, 'x', 'AGENT', now()
      FROM generate_series(1, GREATEST(0, 40 - (SELECT count(*) FROM "User" WHERE role = 'AGENT'))::int) g`);
    const { generateHistory } = await import('../lib/reports/synthetic');
    const t0 = performance.now();
    await generateHistory(client, { chats: CHATS, messagesPerChat: PER, days: 90, agents: 40 });
    await client.query('ANALYZE');
    const loadS = (performance.now() - t0) / 1000;
    const counts = (await client.query(`SELECT (SELECT count(*) FROM "Interaction")::int chats, (SELECT count(*) FROM "Message")::int messages`)).rows[0];
    say(`loaded ${counts.chats} chats, ${counts.messages} messages in ${loadS.toFixed(1)} s`);

    const data = await import('../lib/reports/report-data');
    const { reportBreakdown } = await import('../lib/reports/figures');
    const { agentActivity } = await import('../lib/reports/activity');
    const { intervalSeries, handleDistribution } = await import('../lib/reports/series');
    const { bucketStarts } = await import('../lib/reports/intervals');
    const { csvStream } = await import('../lib/reports/csv');
    const rules = { serviceLevelSec: 30, redSec: 60 };
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const queue = (await client.query(`SELECT id FROM "Queue" ORDER BY id LIMIT 1`)).rows[0].id as string;
    const agent = (await client.query(`SELECT "ownerId" id FROM "Interaction" WHERE "ownerId" IS NOT NULL LIMIT 1`)).rows[0].id as string;

    const reports: [string, () => Promise<unknown>][] = [
      [
        '30 days, all queues, hourly (figures overall/queue/agent + charts)',
        async () => {
          const chats = await data.reportChats({ from, to });
          reportBreakdown(chats, rules);
          intervalSeries(chats, bucketStarts(from, to, 'hour', 'America/Toronto'), rules);
          return handleDistribution(chats);
        },
      ],
      ['30 days, one queue, daily', async () => intervalSeries(await data.reportChats({ from, to, queueId: queue }), bucketStarts(from, to, 'day', 'America/Toronto'), rules)],
      ['30 days, one agent, 15 minutes', async () => intervalSeries(await data.reportChats({ from, to, agentId: agent }), bucketStarts(from, to, '15m', 'America/Toronto'), rules)],
      ['30 days, agent activity', async () => agentActivity(await data.agentStates({ from, to }), await data.agentChatTime({ from, to }), { from, to, now: new Date() })],
    ];
    const lines = ['| Report | runs | p50 ms | p95 ms | target |', '|---|---|---|---|---|'];
    for (const [name, run] of reports) {
      await run(); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await run();
        times.push(performance.now() - s);
      }
      lines.push(`| ${name} | ${RUNS} | ${pct(times, 50).toFixed(0)} | ${pct(times, 95).toFixed(0)} | ≤ 1000 |`);
      say(lines.at(-1)!);
    }
    const s = performance.now();
    const reader = csvStream(data.reportChatPages({ from, to })).getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
    }
    const secs = (performance.now() - s) / 1000;
    const rows = (await client.query(`SELECT count(*)::int n FROM "Interaction" WHERE "createdAt" >= $1 AND "createdAt" < $2`, [from, to])).rows[0].n as number;
    lines.push(`| CSV of 30 days: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB | 1 | ${(secs * 1000).toFixed(0)} total | ${Math.round(rows / secs)} rows/s | ≥ 20000 rows/s |`);
    say(lines.at(-1)!);
    say('');
    say(`History: ${counts.chats} chats, ${counts.messages} messages over 90 days, 40 agents, generated in SQL in ${loadS.toFixed(1)} s.`);
    say(lines.join('\n'));
    await client.end();
    await (globalThis as unknown as { dbClients?: { pool: pg.Pool } }).dbClients?.pool.end();
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
