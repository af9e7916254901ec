/**
 * The three runs: bench (with the floor and an optional search), chaos, scale-out.
 * Entry points: bench/run.ts, bench/chaos.ts, bench/scale.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from '../scripts/lib/procs';
import {
  LoadRun,
  analysePhase,
  fmt,
  machineInfo,
  serverActionIds,
  snapshotCounters,
  startFloor,
  stopProc,
  verifyRouting,
  verifyImages,
  verifyTranscripts,
  writeReports,
  type BenchOptions,
} from './harness';
import type { PhaseResult } from './results';
import { ResourceMonitor, Stack } from './stack';
import { SupervisorBoards } from './supervisor-boards';

export type Kind = 'bench' | 'chaos' | 'scale';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (s: string) => process.stdout.write(`[bench] ${s}\n`);

/** The product's public rate limits, raised so the bench's load is not refused (said in the report). */
export const START_PER_MINUTE = 60;
export const PUBLIC_PER_MINUTE = 1_000_000;

export interface Outage {
  what: string;
  killedAt: number;
  backAt: number;
}

export async function runAll(kind: Kind, opts: BenchOptions): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const resultsDir = path.join(ROOT, 'bench', 'results');
  const logDir = path.join(resultsDir, 'logs', `${kind}-${stamp}`);
  fs.mkdirSync(logDir, { recursive: true });
  const runTag = Date.now().toString(36).slice(-6);
  const machine = machineInfo();
  say(`${kind}: ${opts.chats} chats, ${opts.rate} msg/s per side per chat (${opts.chats * opts.rate * 2} msg/s), ${opts.duration} s, ${opts.agents} agents × capacity ${opts.capacity}, ${opts.workers} load generators, ${opts.instances} app instance(s)`);
  say(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memGb} GB, load average ${machine.loadAvgAtStart.join(' ')}; logs in ${path.relative(ROOT, logDir)}`);

  const stack = new Stack({
    databaseUrl: opts.databaseUrl,
    instances: opts.instances,
    agents: opts.agents,
    capacity: opts.capacity,
    runTag,
    logDir,
    noBuild: opts.noBuild,
    say,
    appEnv: {
      RATE_LIMIT_START_PER_MINUTE: String(START_PER_MINUTE),
      RATE_LIMIT_PUBLIC_PER_MINUTE: String(PUBLIC_PER_MINUTE),
      TRUST_PROXY: 'true',
      // The bench's agents all come from one address (its contacts each have their own): the
      // per-address upload limits would measure that, not the product. The per-instance cap on
      // uploads in flight and the per-chat byte budget stay at their defaults.
      ATTACHMENT_UPLOADS_IN_FLIGHT_PER_ADDRESS: '1000',
      ATTACHMENT_ADDRESS_BUDGET_MB_PER_HOUR: '1000000',
    },
  });
  let run: LoadRun | undefined;
  let boards: SupervisorBoards | undefined;
  let floorProc: Awaited<ReturnType<typeof startFloor>> | undefined;
  const cleanup = async () => {
    await run?.stop().catch(() => {});
    await boards?.stop();
    if (floorProc) await stopProc(floorProc.proc).catch(() => {});
    await stack.stop().catch(() => {});
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    say('interrupted — stopping everything…');
    void cleanup().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const monitor = new ResourceMonitor(() => ({
    ...stack.pids(),
    ...(floorProc ? { floor: floorProc.proc.pid } : {}),
    loadgen: run?.workers.map((w) => w.cp.pid!) ?? [],
  }));
  let exitCode = 0;
  const result: Record<string, unknown> = { kind, options: opts, machine, startedAt: new Date().toISOString(), rateLimits: { RATE_LIMIT_START_PER_MINUTE: START_PER_MINUTE, RATE_LIMIT_PUBLIC_PER_MINUTE: PUBLIC_PER_MINUTE, note: 'raised for the bench; each bench contact has its own X-Forwarded-For address' } };
  try {
    await stack.prepareBuild();
    await stack.snapshotBuild();
    await stack.startDatabase();
    await stack.startServers();
    say(`stack up: app ${stack.appUrls.join(', ')} · realtime 127.0.0.1:${stack.realtimePort}`);
    monitor.start();
    const ids = serverActionIds(stack.appDir);
    const find = (name: string) => {
      const k = Object.keys(ids).find((key) => key.endsWith(`agent/actions.ts#${name}`));
      if (!k) throw new Error(`server action ${name} not in the build manifest — rebuild (npx next build)`);
      return ids[k]!;
    };
    const actionIds = { setState: find('setAgentStateAction'), accept: find('acceptAction') };

    // ── the product ──
    run = new LoadRun('product', opts, { appUrls: stack.appUrls, realtimeKey: stack.creds.PUSHER_KEY, realtimePort: stack.realtimePort, agents: stack.agents }, say);
    await run.start(actionIds, kind === 'scale');
    if (opts.supervisors > 0 && kind === 'bench') {
      boards = new SupervisorBoards(stack.appUrls[0]!, say);
      await boards.start(opts.supervisors);
    }
    const outages: Outage[] = [];
    const product: PhaseResult[] = [];
    const doPhase = async (r: LoadRun, tag: string, rate: number, durationS: number, hooks?: (t0: number) => Promise<void>) => {
      const before = snapshotCounters(r);
      const w = await r.phase(tag, rate, durationS, monitor, hooks);
      const res = await analysePhase(r, stack.dbUrl, tag, w, rate, monitor, before);
      say(line(res));
      return res;
    };

    // Warm-up (not reported): connection pools, JIT, the first compile of each route.
    const warmup: PhaseResult[] = [];
    if (kind !== 'chaos') warmup.push(await doPhase(run, 'w1', opts.rate, Math.min(5, opts.duration)));
    if (kind === 'chaos') {
      product.push(await doPhase(run, 'p1', opts.rate, opts.duration, (t0) => chaosSchedule(stack, t0, opts.duration, outages)));
    } else if (opts.search) {
      product.push(...(await search(run, opts, doPhase)));
    } else if (opts.overload) {
      // Normal load, then `overloadFactor` times it, then normal load again: how the app sheds the
      // excess and how soon latency is back to normal once the overload ends.
      product.push(await doPhase(run, 'o1', opts.rate, 10));
      product.push(await doPhase(run, 'o2', opts.rate * opts.overloadFactor, opts.overloadDuration));
      product.push(await doPhase(run, 'o3', opts.rate, 20));
    } else {
      product.push(await doPhase(run, 'p1', opts.rate, opts.duration));
    }
    say('product: waiting for every outbox to empty, then catching every transcript up from the store…');
    await run.finish(kind === 'chaos' ? 120_000 : 30_000);
    if (boards) {
      const b = await boards.collect(stack.dbUrl);
      result.supervisorBoards = b;
      say(
        `supervisor boards: ${b.boards} open · long tasks ${b.longTasks.count} (longest ${fmt(b.longTasks.longestMs)} ms, ${b.longTasks.over50ms} over 50 ms) · ` +
          `board lag behind the store p50 ${fmt(b.lagMs.p50)} p99 ${fmt(b.lagMs.p99)} max ${fmt(b.lagMs.max)} ms over ${b.deltas} deltas · ` +
          `${b.boardsMatchingStore}/${b.boards} boards show the store's ${b.openChatsInStore} open chats`,
      );
      await boards.stop();
      boards = undefined;
    }
    const transcripts = await verifyTranscripts(run, stack.dbUrl);
    const routing = await verifyRouting(run, stack.dbUrl);
    const images = opts.imageShare > 0 ? await verifyImages(run, stack.dbUrl) : undefined;
    if (images) say(imageLine('product', images));
    result.product = { phases: product, warmup, transcripts, routing, setupErrors: run.setupErrors, outages, images };
    if (images && (images.notStoredOnce.length > 0 || images.fileNotClaimed > 0 || transcripts.divergent > 0)) exitCode = 1;
    if (opts.overload) {
      result.overload = overloadVerdict(product, transcripts.divergent);
      if (!(result.overload as { pass: boolean }).pass) exitCode = 1;
    }
    const productRun = run;
    await run.stop();
    run = undefined;

    if (kind === 'chaos') {
      const verdict = await chaosVerdict(productRun, stack.dbUrl, transcripts, outages);
      result.chaos = verdict;
      if (!verdict.pass) exitCode = 1;
    }
    if (kind === 'scale') {
      const rl = await rateLimitDemo(stack);
      result.scale = { routing, rateLimit: rl };
      const ok =
        routing.interactionsWithTwoOwners === 0 &&
        routing.interactionsWithTwoAcceptedOffers === 0 &&
        routing.acceptedNotOwner === 0 &&
        routing.invitationsAcceptedTwice === 0 &&
        rl.shared &&
        transcripts.divergent === 0 &&
        product.every((p) => p.lost === 0 && p.doubled === 0);
      (result.scale as Record<string, unknown>).pass = ok;
      if (!ok) exitCode = 1;
    }

    // ── the floor, same load and client count, same PostgreSQL ──
    if (opts.floor && kind !== 'chaos' && !opts.overload) {
      await stack.stopServers();
      floorProc = await startFloor(stack.dbUrl, logDir);
      run = new LoadRun('floor', opts, { appUrls: [], realtimeKey: '', realtimePort: 0, floorUrl: floorProc.url, agents: stack.agents }, say);
      await run.start(actionIds, false);
      const floor: PhaseResult[] = [];
      const floorWarmup = await doPhase(run, 'v1', opts.rate, Math.min(5, opts.duration));
      if (opts.search) floor.push(...(await search(run, opts, doPhase)));
      else floor.push(await doPhase(run, 'f1', opts.rate, opts.duration));
      await run.finish(30_000);
      const ft = await verifyTranscripts(run, stack.dbUrl);
      const fImages = opts.imageShare > 0 ? await verifyImages(run, stack.dbUrl) : undefined;
      if (fImages) say(imageLine('floor', fImages));
      result.floor = { phases: floor, warmup: [floorWarmup], transcripts: ft, images: fImages };
      await run.stop();
      run = undefined;
      await stopProc(floorProc.proc);
      floorProc = undefined;
    }
    monitor.stop();
    result.finishedAt = new Date().toISOString();
    result.resourceSamples = monitor.samples;
    result._summary = summary(result);
    const files = writeReports(resultsDir, `${kind}-${stamp}`, result);
    process.stdout.write('\n' + result._summary + '\n');
    say(`report: ${files.map((f) => path.relative(ROOT, f)).join(' · ')}`);
    const pr = result.product as { phases: PhaseResult[]; transcripts: { divergent: number } };
    if (kind === 'bench' && !opts.search && pr.phases.some((p) => p.lost > 0 || p.doubled > 0)) exitCode = 1;
  } catch (e) {
    process.stdout.write('\n');
    say(`FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    say(`logs: ${path.relative(ROOT, logDir)}`);
    exitCode = 2;
  } finally {
    monitor.stop();
    await cleanup();
  }
  return exitCode;
}

function imageLine(system: string, i: Awaited<ReturnType<typeof verifyImages>>): string {
  return (
    `${system} images: ${i.sent} messages sent with an image · stored exactly once with their file ${i.storedOnce}` +
    `${i.notStoredOnce.length ? ` (NOT: ${i.notStoredOnce.join(', ')})` : ''} · file not claimed ${i.fileNotClaimed} · upload p50 ${fmt(i.upload.p50)} p99 ${fmt(i.upload.p99)} ms`
  );
}

function line(r: PhaseResult): string {
  return (
    `${r.system} ${r.tag}: ${r.offeredPerSec.toFixed(0)} msg/s offered → stored ${r.storedPerSec.toFixed(0)}/s, delivered ${r.deliveredPerSec.toFixed(0)}/s · ` +
    `c→a p50 ${fmt(r.contactToAgent.p50)} p99 ${fmt(r.contactToAgent.p99)} · a→c p50 ${fmt(r.agentToContact.p50)} p99 ${fmt(r.agentToContact.p99)} · send p99 ${fmt(r.sendCall.p99)} ms · ` +
    `lost ${r.lost} doubled ${r.doubled} · errors ${Object.values(r.errors).reduce((a, b) => a + b, 0)} · ${r.pass ? 'PASS' : 'fail'}`
  );
}

/**
 * The overload run's verdict: during the overload the app should refuse the excess quickly (503
 * or 429 with Retry-After, counted as `shed`) rather than let sends time out; afterwards every
 * message is stored exactly once and every transcript equals the store; and p99 latency is back
 * to normal (within twice the baseline's, or 100 ms) within 10 s of the overload ending.
 */
export function overloadVerdict(phases: PhaseResult[], divergent: number) {
  const [base, over, after] = phases as [PhaseResult, PhaseResult, PhaseResult];
  const kinds = (p: PhaseResult, re: RegExp) => Object.entries(p.errors).filter(([k]) => re.test(k)).reduce((a, [, n]) => a + n, 0);
  const shed = kinds(over, /HTTP (503|429)/);
  const timeouts = kinds(over, /timeout|Timeout|ETIMEDOUT|ECONNRESET|UND_ERR/);
  const normal = Math.max(100, 2 * base.contactToAgent.p99, 2 * base.agentToContact.p99);
  // The first second of the recovery phase from which every later second's p99 is normal.
  let recoveredAfterS: number | null = null;
  for (let i = after.series.length - 1; i >= 0; i--) {
    const s = after.series[i]!;
    if (Number.isFinite(s.p99) && s.p99 > normal) break;
    recoveredAfterS = i;
  }
  const lost = phases.reduce((a, p) => a + p.lost, 0);
  const doubled = phases.reduce((a, p) => a + p.doubled, 0);
  const pass = lost === 0 && doubled === 0 && divergent === 0 && recoveredAfterS !== null && recoveredAfterS <= 10;
  // A run whose generators saturated measured them, not the product: it says so and proves nothing
  // (a loss still fails it: lost is lost whoever was slow).
  const generatorsSaturated = phases.some((p) => p.generators?.saturated);
  return { offered: over.offeredPerSec, baselineOffered: base.offeredPerSec, shed, timeouts, normalP99Ms: normal, recoveredAfterS, lost, doubled, divergent, generatorsSaturated, valid: !generatorsSaturated, pass };
}

type PhaseFn = (r: LoadRun, tag: string, rate: number, durationS: number) => Promise<PhaseResult>;

/** The largest load with p99 ≤ 100 ms and 0 lost / 0 doubled: double until it fails, then bisect. */
async function search(run: LoadRun, opts: BenchOptions, doPhase: PhaseFn): Promise<PhaseResult[]> {
  const out: PhaseResult[] = [];
  let rate = opts.rate;
  let best: number | undefined;
  let fail: number | undefined;
  const prefix = run.system === 'product' ? 's' : 'g';
  for (let i = 1; i <= 10; i++) {
    const r = await doPhase(run, `${prefix}${i}`, rate, opts.searchDuration);
    out.push(r);
    if (r.pass) best = best === undefined ? rate : Math.max(best, rate);
    else fail = fail === undefined ? rate : Math.min(fail, rate);
    if (fail === undefined) rate *= 2;
    else if (best === undefined) rate /= 2;
    else {
      if (fail / best <= 1.2) break;
      rate = (best + fail) / 2;
    }
    if (rate * opts.chats * 2 < 10) break;
    await sleep(2000);
  }
  return out;
}

async function chaosSchedule(stack: Stack, t0: number, durationS: number, outages: Outage[]): Promise<void> {
  const at = async (frac: number) => {
    const wait = t0 + frac * durationS * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
  };
  const down = 3000;
  const realtime = async () => {
    const killedAt = Date.now();
    say(`chaos: kill -9 the realtime server (pid ${stack.realtime?.pid})`);
    await stack.kill9(stack.realtime);
    await sleep(down);
    await stack.startRealtime();
    outages.push({ what: 'realtime', killedAt, backAt: Date.now() });
    say(`chaos: realtime server back after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
  };
  const app = async () => {
    const killedAt = Date.now();
    say(`chaos: kill -9 the app server (pid ${stack.apps[0]?.pid})`);
    await stack.kill9(stack.apps[0]);
    await sleep(down);
    await stack.startApp(0);
    outages.push({ what: 'app', killedAt, backAt: Date.now() });
    say(`chaos: app server back after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
  };
  await at(0.15);
  await realtime();
  await at(0.4);
  await app();
  await at(0.65);
  await realtime();
}

async function chaosVerdict(run: LoadRun, dbUrl: string, transcripts: Awaited<ReturnType<typeof verifyTranscripts>>, outages: Outage[]) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const counts = new Map<string, number>();
  try {
    const rows = await c.query<{ clientId: string; n: string }>(`SELECT "clientId", count(*) AS n FROM "Message" WHERE "clientId" LIKE 'p1-%' GROUP BY 1`);
    for (const r of rows.rows) counts.set(r.clientId, Number(r.n));
  } finally {
    await c.end();
  }
  const acks = run.acks.get('p1') ?? [];
  const acked = new Set(acks.map((a) => a[2]));
  const pendingLeft = run.finished.flatMap((f) => f.pendingLeft);
  const gaveUp = run.finished.flatMap((f) => (f as unknown as { gaveUp: string[] }).gaveUp ?? []);
  const typed = new Set([...acked, ...pendingLeft, ...gaveUp]);
  const inOutage = (t: number) => outages.some((o) => t >= o.killedAt && t <= o.backAt);
  const duringOutages = acks.filter((a) => inOutage(a[4]));
  const ackedNotOnce = [...acked].filter((id) => counts.get(id) !== 1);
  const typedNotOnce = [...typed].filter((id) => counts.get(id) !== 1);
  const retried = acks.filter((a) => a[6] > 1).length;
  const verdict = {
    acked: acked.size,
    typed: typed.size,
    typedDuringOutages: duringOutages.length,
    typedDuringOutagesStoredOnce: duringOutages.filter((a) => counts.get(a[2]) === 1).length,
    retriedSends: retried,
    ackedNotStoredExactlyOnce: ackedNotOnce.length,
    typedNotStoredExactlyOnce: typedNotOnce.length,
    neverAcknowledged: pendingLeft.length + gaveUp.length,
    transcriptsChecked: transcripts.views,
    transcriptsDivergent: transcripts.divergent,
    examples: [...ackedNotOnce.slice(0, 5), ...typedNotOnce.slice(0, 5), ...transcripts.examples],
    outages: outages.map((o) => ({ what: o.what, downSeconds: Number(((o.backAt - o.killedAt) / 1000).toFixed(1)) })),
    pass: false,
  };
  verdict.pass =
    outages.length === 3 && verdict.ackedNotStoredExactlyOnce === 0 && verdict.typedNotStoredExactlyOnce === 0 && verdict.neverAcknowledged === 0 && verdict.transcriptsDivergent === 0 && verdict.typedDuringOutages > 0;
  return verdict;
}

/**
 * Rate limits are shared, not per instance: a burst of 2×L chat starts from one address, split
 * across both instances, gets exactly L accepted (L = RATE_LIMIT_START_PER_MINUTE) — with
 * per-instance counters it would be 2×L.
 */
async function rateLimitDemo(stack: Stack) {
  const L = START_PER_MINUTE;
  const xff = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  const per = stack.appUrls.map(() => ({ accepted: 0, limited: 0, other: 0 }));
  const secrets: { url: string; chatId: string; secret: string }[] = [];
  await Promise.all(
    Array.from({ length: 2 * L }, async (_, i) => {
      const k = i % stack.appUrls.length;
      const url = stack.appUrls[k]!;
      const res = await fetch(`${url}/api/v1/chats`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
        body: JSON.stringify({ name: 'Burst', question: 'rate limit demo', language: 'en' }),
      });
      if (res.status === 201) {
        per[k]!.accepted++;
        secrets.push({ url, ...((await res.json()) as { chatId: string; secret: string }) });
      } else if (res.status === 429) per[k]!.limited++;
      else per[k]!.other++;
      await res.body?.cancel().catch(() => {});
    }),
  );
  // tidy: end the demo's chats so nobody is offered them
  await Promise.all(secrets.map((s) => fetch(`${s.url}/api/v1/chats/${s.chatId}/end`, { method: 'POST', headers: { authorization: `Bearer ${s.secret}` } }).catch(() => {})));
  const accepted = per.reduce((a, p) => a + p.accepted, 0);
  const res = { limitPerMinute: L, burst: 2 * L, instances: stack.appUrls.length, perInstance: per, accepted, shared: accepted === L };
  say(`rate limit: burst of ${2 * L} starts from one address over ${stack.appUrls.length} instances → ${accepted} accepted (limit ${L}/min) — ${res.shared ? 'one shared budget' : 'NOT shared'}`);
  return res;
}

// ── the one-screen summary ──────────────────────────────────────────────────────────────────
export function summary(result: Record<string, any>): string {
  const m = result.machine;
  const out: string[] = [];
  out.push(`═══ ${result.kind} · ${result.startedAt} · ${m.cpus} × ${m.cpuModel}, ${m.memGb} GB, ${m.node} · load avg at start ${m.loadAvgAtStart.join(' ')}`);
  const o = result.options;
  out.push(`    ${o.chats} chats · ${o.agents} agents × capacity ${o.capacity} · ${o.instances} app instance(s) · ${o.workers} load generator processes`);
  const prod: PhaseResult[] = result.product?.phases ?? [];
  const floor: PhaseResult[] = result.floor?.phases ?? [];
  const row = (label: string, p?: PhaseResult, f?: PhaseResult, get?: (x: PhaseResult) => number, unit = 'ms') => {
    const a = p && get ? get(p) : NaN;
    const b = f && get ? get(f) : NaN;
    const ratio = Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '';
    return `  ${label.padEnd(30)} ${fmt(a).padStart(10)} ${fmt(b).padStart(10)} ${ratio.padStart(8)}  ${unit}`;
  };
  const pairs: [PhaseResult, PhaseResult | undefined][] = o.search
    ? ([[best(prod) ?? prod.at(-1)!, best(floor)]] as [PhaseResult, PhaseResult | undefined][])
    : prod.map((p, i) => [p, floor[i]] as [PhaseResult, PhaseResult | undefined]);
  if (o.search) {
    out.push(`  search (p99 ≤ 100 ms, 0 lost, 0 doubled): product ${prod.map((p) => `${p.offeredPerSec.toFixed(0)}${p.pass ? '✓' : '✗'}`).join(' ')} msg/s`);
    if (floor.length) out.push(`                                            floor   ${floor.map((p) => `${p.offeredPerSec.toFixed(0)}${p.pass ? '✓' : '✗'}`).join(' ')} msg/s`);
    out.push(`  largest passing load: product ${best(prod) ? best(prod)!.storedPerSec.toFixed(0) : 'none'} msg/s · floor ${best(floor) ? best(floor)!.storedPerSec.toFixed(0) : floor.length ? 'none' : '–'} msg/s`);
  }
  for (const [p, f] of pairs) {
    if (!p) continue;
    out.push(`  ${`${p.tag}: ${p.offeredPerSec.toFixed(0)} msg/s offered (${p.ratePerSide}/s per side per chat), ${p.durationS.toFixed(0)} s`.padEnd(30)} ${'product'.padStart(10)} ${'floor'.padStart(10)} ${'ratio'.padStart(8)}`);
    for (const [label, get] of [
      ['contact→agent p50', (x: PhaseResult) => x.contactToAgent.p50],
      ['contact→agent p95', (x: PhaseResult) => x.contactToAgent.p95],
      ['contact→agent p99', (x: PhaseResult) => x.contactToAgent.p99],
      ['contact→agent max', (x: PhaseResult) => x.contactToAgent.max],
      ['agent→contact p50', (x: PhaseResult) => x.agentToContact.p50],
      ['agent→contact p95', (x: PhaseResult) => x.agentToContact.p95],
      ['agent→contact p99', (x: PhaseResult) => x.agentToContact.p99],
      ['agent→contact max', (x: PhaseResult) => x.agentToContact.max],
      ['send call p50', (x: PhaseResult) => x.sendCall.p50],
      ['send call p99', (x: PhaseResult) => x.sendCall.p99],
    ] as const)
      out.push(row(label, p, f, get));
    out.push(row('stored', p, f, (x) => x.storedPerSec, 'msg/s'));
    out.push(row('delivered (realtime)', p, f, (x) => x.deliveredPerSec, 'msg/s'));
    out.push(row('lost / doubled', p, f, (x) => x.lost + x.doubled, `(product lost ${p.lost}, doubled ${p.doubled}; floor ${f ? `${f.lost}, ${f.doubled}` : '–'})`));
    const res = (x?: PhaseResult) =>
      x ? Object.entries(x.resources).map(([k, v]) => `${k} ${v.cpuAvg.toFixed(0)}% / ${v.rssPeakMb.toFixed(0)} MB`).join(' · ') : '–';
    out.push(`  CPU avg (% of one core) / peak RSS  product: ${res(p)}`);
    if (p.generators) {
      const g = p.generators;
      out.push(`  load generators: ${g.cpuPercent.toFixed(0)}% of ${g.cores} core(s) — ${g.saturated ? 'SATURATED (≥ 90 %): this phase is INVALID, it measured the generators' : 'not saturated'}`);
    }
    if (f) out.push(`                                      floor:   ${res(f)}`);
    const errs = Object.entries(p.errors).map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';
    out.push(`  errors: ${errs} · catch-ups ${p.catchUps} (on a seq gap ${p.gapCatchUps}), recovered by catch-up ${p.recoveredByCatchUp} · realtime disconnects ${p.realtimeDisconnects}, subscription errors ${p.subscriptionErrors} · load avg ${p.loadAvg.toFixed(2)}`);
  }
  if (result.product?.images) out.push(`  ${imageLine('product', result.product.images)}`);
  if (result.floor?.images) out.push(`  ${imageLine('floor', result.floor.images)}`);
  const t = result.product?.transcripts;
  if (t) out.push(`  transcripts: ${t.views} client views compared with the store in seq order — ${t.divergent} divergent${t.pendingLeft ? `, ${t.pendingLeft} never acknowledged` : ''}`);
  const r = result.product?.routing;
  if (r) out.push(`  routing: ${r.interactionsWithTwoOwners} chats with two owners, ${r.interactionsWithTwoAcceptedOffers} with two accepted offers, ${r.acceptedNotOwner} accepted-but-not-owner, ${r.invitationsAcceptedTwice} invitations accepted twice${r.racedAccepts ? ` (${r.racedAccepts} accepts raced on both instances)` : ''}`);
  if (result.scale) {
    const rl = result.scale.rateLimit;
    out.push(`  rate limit shared: burst of ${rl.burst} starts over ${rl.instances} instances → ${rl.accepted} accepted (limit ${rl.limitPerMinute}/min): ${rl.shared ? 'shared ✓' : 'NOT shared ✗'}`);
    out.push(`  SCALE-OUT VERDICT: ${result.scale.pass ? 'PASS' : 'FAIL'}`);
  }
  if (result.overload) {
    const v = result.overload;
    out.push(`  overload: ${v.baselineOffered.toFixed(0)} → ${v.offered.toFixed(0)} msg/s offered · refused at once (503/429 + Retry-After) ${v.shed} · timed out or reset ${v.timeouts}`);
    out.push(`  after the overload, p99 back under ${fmt(v.normalP99Ms)} ms from second ${v.recoveredAfterS ?? 'never'} · lost ${v.lost} · doubled ${v.doubled} · divergent transcripts ${v.divergent}`);
    out.push(`  OVERLOAD VERDICT: ${v.pass ? 'PASS' : 'FAIL'}`);
  }
  if (result.chaos) {
    const c = result.chaos;
    out.push(`  outages: ${c.outages.map((o: { what: string; downSeconds: number }) => `${o.what} ${o.downSeconds} s`).join(', ')}`);
    out.push(`  typed ${c.typed} (during outages ${c.typedDuringOutages}, retried ${c.retriedSends}) · acknowledged ${c.acked}`);
    out.push(`  acknowledged not stored exactly once: ${c.ackedNotStoredExactlyOnce} · typed not stored exactly once: ${c.typedNotStoredExactlyOnce} · never acknowledged: ${c.neverAcknowledged}`);
    out.push(`  transcripts divergent from the store: ${c.transcriptsDivergent} of ${c.transcriptsChecked}`);
    for (const e of c.examples) out.push(`    ${e}`);
    out.push(`  CHAOS VERDICT: ${c.pass ? 'PASS — nothing lost, nothing doubled, every transcript equals the store' : 'FAIL'}`);
  }
  return out.join('\n');
}

function best(ps: PhaseResult[]): PhaseResult | undefined {
  return ps.filter((p) => p.pass).sort((a, b) => b.storedPerSec - a.storedPerSec)[0];
}
