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
    client.on('error', () => {}); // the server stopping at the end (or after a failure) is not the failure
    await client.connect();
    // 40 agents: the seeded ones plus bench agents.
    await client.query(`
      INSERT INTO "User" (id, email, name, "passwordHash", role, "createdAt")
      SELECT 'bench-agent-' || g, 'bench-agent-' || g || '@example.com', 'Bench Agent ' || g, 'x', 'AGENT', now()
      FROM generate_series(1, GREATEST(0, 40 - (SELECT count(*) FROM "User" WHERE role = 'AGENT'))::int) g`);
    const { generateHistory } = await import('../lib/reports/synthetic');
    // Bulk load as one would: the search indexes are dropped for the load and built after (timed
    // apart). The generated search column is computed during the load.
    const SEARCH_INDEXES = ['Message_searchVector_idx', 'Message_createdAt_idx', 'Interaction_contactName_trgm_idx'];
    const indexDefs = (await client.query(`SELECT indexdef FROM pg_indexes WHERE indexname = ANY($1)`, [SEARCH_INDEXES])).rows.map((r) => r.indexdef as string);
    for (const name of SEARCH_INDEXES) await client.query(`DROP INDEX "${name}"`);
    const t0 = performance.now();
    await generateHistory(client, { chats: CHATS, messagesPerChat: PER, days: 90, agents: 40 });
    const loadS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await client.query(`SET maintenance_work_mem = '256MB'`);
    for (const def of indexDefs) await client.query(def);
    const indexS = (performance.now() - t1) / 1000;
    await client.query('ANALYZE');
    say(`search index built in ${indexS.toFixed(1)} s`);
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
          const chats = await data.reportChats({ from, to }, { names: false }); // the page without a drill-down
          reportBreakdown(chats, rules);
          intervalSeries(chats, bucketStarts(from, to, 'hour', 'America/Toronto'), rules);
          return handleDistribution(chats);
        },
      ],
      ['30 days, one queue, daily', async () => intervalSeries(await data.reportChats({ from, to, queueId: queue }, { names: false }), bucketStarts(from, to, 'day', 'America/Toronto'), rules)],
      ['30 days, one agent, 15 minutes', async () => intervalSeries(await data.reportChats({ from, to, agentId: agent }, { names: false }), bucketStarts(from, to, '15m', 'America/Toronto'), rules)],
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
    // Transcript search: varied terms (common, accented typed without accents, phrases, English
    // stems, a word only one chat has, filters), each timed RUNS times; p95 over all of them.
    const { searchTranscripts } = await import('../lib/reports/search');
    const rareChat = String(Math.ceil(CHATS / 2)); // chat syn-N says "ref N"; no other chat does
    const searches: [string, Parameters<typeof searchTranscripts>[0]][] = [
      ['parcel (common)', { q: 'parcel' }],
      ['colis (common, French)', { q: 'colis' }],
      ['eleve (rare accent typed without)', { q: 'eleve' }],
      ['"paiement a echoue" (phrase)', { q: '"paiement a echoue"' }],
      ['refunds (English stem)', { q: 'refunds' }],
      ['invoice wrong (two words)', { q: 'invoice wrong' }],
      [`ref${rareChat} (one chat)`, { q: `ref${rareChat}` }],
      ['tracking, 30 days', { q: 'tracking', from, to }],
      ['facture, one queue, 30 days', { q: 'facture', from, to, queueId: queue }],
      ['merci, one agent', { q: 'merci', agentId: agent }],
      ['order, contact name contains "contact 12"', { q: 'order', contact: 'contact 12' }],
      ['nothing found (zzzqx)', { q: 'zzzqx' }],
    ];
    const all: number[] = [];
    const searchLines: string[] = [];
    for (const [name, f] of searches) {
      const hits = await searchTranscripts(f); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await searchTranscripts(f);
        times.push(performance.now() - s);
      }
      all.push(...times);
      searchLines.push(`| search: ${name} (${hits.length} shown) | ${RUNS} | ${pct(times, 50).toFixed(0)} | ${pct(times, 95).toFixed(0)} | ≤ 300 |`);
      say(searchLines.at(-1)!);
    }
    lines.push(...searchLines, `| **search, all ${searches.length} terms** | ${all.length} | ${pct(all, 50).toFixed(0)} | **${pct(all, 95).toFixed(0)}** | ≤ 300 |`);
    say(lines.at(-1)!);

    // The search's cost on the message insert path: single-row inserts (as a send does) with the
    // generated column and its two indexes, then without them (the column dropped).
    const chatIds = (await client.query(`SELECT id FROM "Interaction" WHERE id LIKE 'syn-%' ORDER BY id LIMIT 500`)).rows.map((r) => r.id as string);
    const insertRound = async (tag: string) => {
      const s = performance.now();
      for (const [k, id] of chatIds.entries())
        await client.query(
          `INSERT INTO "Message" (id, "interactionId", seq, "senderType", "senderName", text) VALUES ($1, $2, $3, 'CONTACT', 'Contact', $4)`,
          [`bench-${tag}-${k}`, id, 100_000 + k + (tag === 'with' ? 0 : 1000), `Bonjour, je n'ai pas reçu ma commande numéro ${k}, pouvez-vous vérifier le suivi s'il vous plaît?`],
        );
      return (performance.now() - s) / chatIds.length;
    };
    await insertRound('warm');
    await client.query(`DELETE FROM "Message" WHERE id LIKE 'bench-warm-%'`);
    const withIdx = await insertRound('with');
    await client.query(`DROP INDEX "Message_createdAt_idx"`);
    await client.query(`ALTER TABLE "Message" DROP COLUMN "searchVector"`);
    const withoutIdx = await insertRound('without');
    lines.push(`| message insert (one row, its own transaction), with / without the search column and indexes | ${chatIds.length} each | ${withIdx.toFixed(2)} / ${withoutIdx.toFixed(2)} ms each | — | — |`);
    say(lines.at(-1)!);

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
    say(`History: ${counts.chats} chats, ${counts.messages} messages over 90 days, 40 agents, generated in SQL in ${loadS.toFixed(1)} s; search index built in ${indexS.toFixed(1)} s.`);
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
