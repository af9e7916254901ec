/**
 * The bench's orchestration, shared by `npm run bench` (bench/run.ts), `npm run chaos`
 * (bench/chaos.ts) and `npm run bench:scale` (bench/scale.ts): start the stack, fork the load
 * generators, run load phases, verify against the database, run the floor, report.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cmd, startProc, stopProc, type Proc } from '../scripts/lib/procs';
import { serverActionIds } from '../scripts/lib/staff-client';
import { writeReports } from './report';
import type { Dist, GeneratorLoad, PhaseResult } from './results';
import { ResourceMonitor } from './stack';
import type { InitMsg } from './worker';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchOptions {
  chats: number;
  rate: number; // messages per second per side per chat
  duration: number; // seconds
  agents: number;
  capacity: number;
  workers: number;
  databaseUrl?: string;
  instances: number;
  floor: boolean;
  search: boolean;
  searchDuration: number;
  /** Overload mode: baseline at `rate`, then `overloadFactor` × rate for `overloadDuration` s, then recovery. */
  overload: boolean;
  overloadFactor: number;
  overloadDuration: number;
  chaos: boolean;
  short: boolean;
  noBuild: boolean;
  startRate: number; // chat starts per second (all workers)
  label: string;
  supervisors: number; // supervisor boards kept open during the run (headless Chromium pages)
  imageShare: number; // share of messages (0–1) that carry an image uploaded first (attachments)
  imageKb: number; // size of each image, KB
}

export function parseOptions(argv: string[], defaults: Partial<BenchOptions> = {}): BenchOptions {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    if (inline) return inline.slice(name.length + 3);
    if (i >= 0 && argv[i + 1] && !argv[i + 1]!.startsWith('--')) return argv[i + 1];
    return undefined;
  };
  const flag = (name: string) => argv.includes(`--${name}`);
  const num = (name: string, fallback: number) => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got ${v})`);
    return n;
  };
  const short = flag('short') || !!defaults.short;
  const chats = Math.round(num('chats', defaults.chats ?? 20));
  const capacity = Math.round(num('capacity', defaults.capacity ?? 5));
  return {
    chats,
    rate: num('rate', defaults.rate ?? 1),
    duration: num('duration', defaults.duration ?? 20),
    capacity,
    agents: Math.round(num('agents', Math.ceil(chats / capacity))),
    workers: Math.round(num('workers', defaults.workers ?? 4)),
    databaseUrl: get('database-url') ?? defaults.databaseUrl,
    instances: Math.round(num('instances', defaults.instances ?? 1)),
    floor: flag('no-floor') ? false : (defaults.floor ?? true),
    search: flag('search') || !!defaults.search,
    searchDuration: num('search-duration', 10),
    overload: flag('overload'),
    overloadFactor: num('overload-factor', 2),
    overloadDuration: num('overload-duration', 30),
    chaos: flag('chaos') || !!defaults.chaos,
    short,
    noBuild: flag('no-build'),
    startRate: num('start-rate', 40),
    label: get('label') ?? defaults.label ?? 'bench',
    supervisors: get('supervisors') === undefined ? 0 : Math.round(num('supervisors', 0)),
    imageShare: imageShare(get('image-share')),
    imageKb: num('image-kb', 200),
  };
}

function imageShare(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`--image-share must be between 0 and 1 (got ${v})`);
  return n;
}

// ── statistics ───────────────────────────────────────────────────────────────────────────────
export function dist(values: number[]): Dist {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const s = Float64Array.from(values).sort();
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1]! };
}

/** Latency histogram on log-spaced buckets (ms), for the report's distribution chart. */
export function histogram(values: number[]): { edges: number[]; counts: number[] } {
  const edges: number[] = [];
  for (let e = 0; e <= 40; e++) edges.push(0.5 * 10 ** (e / 10)); // 0.5 ms … 5 s
  const counts = new Array(edges.length + 1).fill(0) as number[];
  for (const v of values) {
    let i = 0;
    while (i < edges.length && v > edges[i]!) i++;
    counts[i]!++;
  }
  return { edges, counts };
}

type Side = 'contact' | 'agent';
type Receipt = [string, Side, string, number, number, number, 0 | 1];
type Ack = [string, Side, string, number, number, number, number, 0 | 1];

// ── one system (product or floor) with its load generators ──────────────────────────────────
interface WorkerState {
  cp: ChildProcess;
  stats: Record<string, number>;
}

export class LoadRun {
  workers: WorkerState[] = [];
  receipts = new Map<string, Receipt[]>(); // by phase tag
  acks = new Map<string, Ack[]>();
  errors = new Map<string, Record<string, number>>();
  currentTag = 'setup';
  setupErrors: Record<string, number> = {};
  private lastSecond: number[] = [];
  finished: {
    views: { chatId: string; side: Side; entries: [number, string][] }[];
    pendingLeft: string[];
    acceptResults: { invitationId: string; oks: number; answers: number }[];
    imageSends?: { clientId: string; fileId: string }[];
    uploadMs?: number[];
  }[] = [];

  constructor(
    readonly system: 'product' | 'floor',
    readonly opts: BenchOptions,
    readonly target: { appUrls: string[]; realtimeKey: string; realtimePort: number; floorUrl?: string; agents: { email: string; password: string }[] },
    readonly say: (s: string) => void,
  ) {}

  private onTick(m: { receipts: Receipt[]; acks: Ack[]; errors: Record<string, number>; stats: Record<string, number> }, w: WorkerState) {
    w.stats = m.stats;
    for (const r of m.receipts) {
      const tag = r[2].split('-')[0]!;
      let a = this.receipts.get(tag);
      if (!a) this.receipts.set(tag, (a = []));
      a.push(r);
      if (r[6]) this.lastSecond.push(r[5]);
    }
    for (const k of m.acks) {
      const tag = k[2].split('-')[0]!;
      let a = this.acks.get(tag);
      if (!a) this.acks.set(tag, (a = []));
      a.push(k);
    }
    const bucket = this.currentTag;
    const e = this.errors.get(bucket) ?? {};
    for (const [k, v] of Object.entries(m.errors)) e[k] = (e[k] ?? 0) + v;
    this.errors.set(bucket, e);
  }

  stat(name: string): number {
    return this.workers.reduce((a, w) => a + (w.stats[name] ?? 0), 0);
  }

  takeLastSecond(): Dist {
    const d = dist(this.lastSecond);
    this.lastSecond = [];
    return d;
  }

  private waitAll(type: string, timeoutMs: number): Promise<any[]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<any>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`load generator did not answer '${type}' within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
            const on = (m: any) => {
              if (m.type === 'fatal') {
                clearTimeout(timer);
                w.cp.off('message', on);
                reject(new Error(`load generator failed: ${m.error}`));
              }
              if (m.type !== type) return;
              clearTimeout(timer);
              w.cp.off('message', on);
              resolve(m);
            };
            w.cp.on('message', on);
          }),
      ),
    );
  }

  async start(actionIds: InitMsg['actionIds'], doubleAccept: boolean): Promise<void> {
    const { opts } = this;
    const W = Math.max(1, Math.min(opts.workers, opts.chats));
    const agents = this.target.agents;
    let contactOffset = 0;
    let agentOffset = 0;
    for (let i = 0; i < W; i++) {
      const nContacts = Math.floor(opts.chats / W) + (i < opts.chats % W ? 1 : 0);
      const nAgents = Math.floor(agents.length / W) + (i < agents.length % W ? 1 : 0);
      const cp = fork(here('./worker.ts'), [], {
        execArgv: ['--import', 'tsx', ...(process.env.BENCH_WORKER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROF}`] : [])],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      const w: WorkerState = { cp, stats: {} };
      cp.on('message', (m: any) => m.type === 'tick' && this.onTick(m, w));
      cp.on('exit', (code) => {
        if (code && !this.exiting) this.say(`load generator ${i} exited with code ${code}`);
      });
      this.workers.push(w);
      const init: InitMsg = {
        type: 'init',
        mode: this.system,
        index: i,
        appUrls: this.target.appUrls,
        realtime: { key: this.target.realtimeKey, port: this.target.realtimePort },
        floorUrl: this.target.floorUrl,
        agents: agents.slice(agentOffset, agentOffset + nAgents),
        agentOffset,
        contacts: nContacts,
        contactOffset,
        startRate: Math.max(1, opts.startRate / W),
        actionIds,
        doubleAccept,
        imageShare: opts.imageShare,
        imageKb: opts.imageKb,
      };
      cp.send(init);
      contactOffset += nContacts;
      agentOffset += nAgents;
    }
    const t0 = Date.now();
    const progress = setInterval(() => {
      this.progress(
        `${this.system} setup ${Math.round((Date.now() - t0) / 1000)} s · agents ready ${this.stat('agentsReady')}/${agents.length} · chats started ${this.stat('contactsActive')}/${opts.chats} active, ${this.stat('agentChats')} with their agent`,
      );
    }, 1000);
    try {
      await this.waitAll('setupDone', 600_000);
      // every chat must be with its agent (routed, accepted, subscribed) before the load starts
      const deadline = Date.now() + 120_000 + opts.chats * 200;
      while (this.stat('contactsActive') < opts.chats || this.stat('agentChats') < opts.chats) {
        if (Date.now() > deadline) {
          throw new Error(`setup: only ${this.stat('contactsActive')} of ${opts.chats} chats became active and ${this.stat('agentChats')} reached their agent`);
        }
        await sleep(250);
      }
    } finally {
      clearInterval(progress);
      this.progressEnd();
    }
    this.setupErrors = this.errors.get('setup') ?? {};
    this.say(`${this.system}: ${opts.chats} chats active with ${agents.length} agents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  /** One load phase: every client sends at `rate` for `durationS`; resolves once all sends settled. */
  async phase(tag: string, rate: number, durationS: number, monitor: ResourceMonitor, hooks?: (t0: number) => Promise<void>): Promise<{ startAt: number; endAt: number }> {
    this.currentTag = tag;
    const startAt = Date.now() + 300;
    const durationMs = durationS * 1000;
    for (const w of this.workers) w.cp.send({ type: 'phase', tag, rate, durationMs, startAt });
    this.takeLastSecond();
    const progress = setInterval(() => {
      const el = Math.max(0, (Date.now() - startAt) / 1000);
      const d = this.takeLastSecond();
      const res = monitor.samples.at(-1);
      const cpu = res ? Object.entries(res.cpu).map(([k, v]) => `${k} ${v.toFixed(0)}%`).join(' ') : '';
      const errs = Object.values(this.errors.get(tag) ?? {}).reduce((a, b) => a + b, 0);
      this.progress(
        `${this.system} ${tag} ${(this.opts.chats * rate * 2).toFixed(0)} msg/s offered · ${el.toFixed(0)}/${durationS} s · delivered ${(this.receipts.get(tag) ?? []).length} · last 1 s p50 ${fmt(d.p50)} p99 ${fmt(d.p99)} ms · pending ${this.stat('pending')} · errors ${errs} · ${cpu} · load ${res?.load1 ?? '?'}`,
      );
    }, 1000);
    try {
      await Promise.all([this.waitAll('phaseDone', durationMs + 180_000), hooks?.(startAt)]);
      await sleep(1500); // deliveries in flight
      await this.flush();
    } finally {
      clearInterval(progress);
      this.progressEnd();
    }
    return { startAt, endAt: startAt + durationMs };
  }

  async flush(): Promise<void> {
    for (const w of this.workers) w.cp.send({ type: 'flush' });
    await this.waitAll('flushed', 30_000);
  }

  async finish(timeoutMs: number): Promise<void> {
    for (const w of this.workers) w.cp.send({ type: 'finish', timeoutMs });
    this.finished = await this.waitAll('finished', timeoutMs + 240_000);
  }

  private exiting = false;
  async stop(): Promise<void> {
    this.exiting = true;
    for (const w of this.workers) if (w.cp.connected) w.cp.send({ type: 'exit' });
    await Promise.all(this.workers.map((w) => (w.cp.exitCode !== null ? undefined : new Promise((r) => w.cp.once('exit', r)))));
  }

  private lastLen = 0;
  progress(line: string): void {
    if (process.stdout.isTTY) {
      const l = line.slice(0, (process.stdout.columns || 160) - 1);
      process.stdout.write(`\r${l}${' '.repeat(Math.max(0, this.lastLen - l.length))}`);
      this.lastLen = l.length;
    } else if (Date.now() - this.lastPrinted > 5000) {
      this.lastPrinted = Date.now();
      process.stdout.write(`  … ${line}\n`);
    }
  }
  private lastPrinted = 0;
  progressEnd(): void {
    if (process.stdout.isTTY && this.lastLen) process.stdout.write('\n');
    this.lastLen = 0;
  }
}

export const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');

// ── verification against the database ────────────────────────────────────────────────────────
interface StoredRow {
  chatId: string;
  clientId: string;
  seq: number;
  sender: Side;
}

async function storedRows(dbUrl: string, system: 'product' | 'floor', tag: string): Promise<StoredRow[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const q =
      system === 'product'
        ? `SELECT "interactionId" AS "chatId", "clientId", seq, CASE WHEN "senderType" = 'AGENT' THEN 'agent' ELSE 'contact' END AS sender
             FROM "Message" WHERE "clientId" LIKE $1`
        : `SELECT chat_id AS "chatId", client_id AS "clientId", seq,
                  CASE WHEN split_part(client_id, '-', 2) LIKE '%a' THEN 'agent' ELSE 'contact' END AS sender
             FROM bench_floor_message WHERE client_id LIKE $1`;
    return (await c.query<StoredRow>(q, [`${tag}-%`])).rows;
  } finally {
    await c.end();
  }
}

/** Load generators at 90 % or more of the cores they can use are the bottleneck: the run measures them, not the product. */
export function generatorLoad(cpuPercent: number, processes: number, machineCores: number): GeneratorLoad {
  const cores = Math.max(1, Math.min(processes, machineCores));
  return { cpuPercent, cores, saturated: cpuPercent >= 90 * cores };
}

export async function analysePhase(
  run: LoadRun,
  dbUrl: string,
  tag: string,
  window: { startAt: number; endAt: number },
  rate: number,
  monitor: ResourceMonitor,
  countersBefore: Record<string, number>,
): Promise<PhaseResult> {
  const receipts = run.receipts.get(tag) ?? [];
  const acks = run.acks.get(tag) ?? [];
  const rows = await storedRows(dbUrl, run.system, tag);
  const durationS = (window.endAt - window.startAt) / 1000;

  const storedBy = new Map<string, number>();
  let dbRows = 0;
  for (const r of rows) {
    const n = (storedBy.get(r.clientId) ?? 0) + 1;
    storedBy.set(r.clientId, n);
    if (n > 1) dbRows++;
  }
  const liveSeen = new Map<string, number>(); // `${chat}:${side}:${clientId}` → seq
  const anySeen = new Set<string>();
  let clientIdAtTwoSeqs = 0;
  for (const r of receipts) {
    const key = `${r[0]}:${r[1]}:${r[2]}`;
    if (r[6]) {
      const prior = liveSeen.get(key);
      if (prior !== undefined && prior !== r[3]) clientIdAtTwoSeqs++;
      liveSeen.set(key, r[3]);
    }
    anySeen.add(key);
  }
  let lost = 0;
  let recovered = 0;
  for (const r of rows) {
    const key = `${r.chatId}:${r.sender === 'agent' ? 'contact' : 'agent'}:${r.clientId}`;
    if (!liveSeen.has(key)) {
      lost++;
      if (anySeen.has(key)) recovered++;
    }
  }
  const ackedNotStored = acks.filter((a) => !storedBy.has(a[2])).length;
  const live = receipts.filter((r) => r[6]);
  const c2a = live.filter((r) => r[1] === 'agent').map((r) => r[5]);
  const a2c = live.filter((r) => r[1] === 'contact').map((r) => r[5]);
  const counters = (n: string) => run.stat(n) - (countersBefore[n] ?? 0);
  const liveDuplicates = counters('liveDuplicates');
  const doubled = dbRows + clientIdAtTwoSeqs + liveDuplicates;

  // per-second series over the phase
  const secs = Math.ceil(durationS) + 3;
  const series = Array.from({ length: secs }, (_, t) => ({ t, delivered: 0, sent: 0, p50: NaN, p99: NaN }));
  const perSec: number[][] = Array.from({ length: secs }, () => []);
  for (const r of live) {
    const i = Math.floor((r[4] - window.startAt) / 1000);
    if (i >= 0 && i < secs) {
      series[i]!.delivered++;
      perSec[i]!.push(r[5]);
    }
  }
  for (const a of acks) {
    const i = Math.floor((a[4] - window.startAt) / 1000);
    if (i >= 0 && i < secs) series[i]!.sent++;
  }
  perSec.forEach((v, i) => {
    const d = dist(v);
    series[i]!.p50 = d.p50;
    series[i]!.p99 = d.p99;
  });

  const errors = run.errors.get(tag) ?? {};
  const allLat = [...c2a, ...a2c];
  const overall = dist(allLat);
  const offered = run.opts.chats * rate * 2;
  const typed = counters('typed');
  const result: PhaseResult = {
    system: run.system,
    tag,
    chats: run.opts.chats,
    ratePerSide: rate,
    offeredPerSec: offered,
    durationS,
    startedAt: new Date(window.startAt).toISOString(),
    contactToAgent: dist(c2a),
    agentToContact: dist(a2c),
    sendCall: dist(acks.map((a) => a[5])),
    storedPerSec: rows.length / durationS,
    deliveredPerSec: live.length / durationS,
    typed,
    acked: acks.length,
    stored: rows.length,
    deliveredLive: live.length,
    lost: lost + ackedNotStored,
    ackedNotStored,
    recoveredByCatchUp: recovered,
    doubled,
    doubledDetail: { dbRows, clientIdAtTwoSeqs, liveDuplicates },
    catchUps: counters('catchUps'),
    gapCatchUps: counters('gapCatchUps'),
    realtimeDisconnects: counters('disconnects'),
    subscriptionErrors: counters('subErrors'),
    errors,
    resources: monitor.summary(window.startAt, window.endAt + 1500),
    loadAvg: monitor.loadAvg(window.startAt, window.endAt),
    generators: { cpuPercent: 0, cores: 1, saturated: false },
    pass: false,
    series,
    histogram: histogram(allLat),
  };
  result.generators = generatorLoad(result.resources.loadgen?.cpuAvg ?? 0, run.workers.length, os.cpus().length);
  result.pass =
    overall.p99 <= 100 && result.lost === 0 && result.doubled === 0 && rows.length >= typed * 0.999 && result.storedPerSec >= offered * 0.9;
  return result;
}

export function snapshotCounters(run: LoadRun): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of ['liveDuplicates', 'typed', 'catchUps', 'gapCatchUps', 'disconnects', 'subErrors']) out[n] = run.stat(n);
  return out;
}

/** Every client's transcript against the store, message by message in seq order. */
export async function verifyTranscripts(run: LoadRun, dbUrl: string): Promise<{ views: number; divergent: number; examples: string[]; pendingLeft: number }> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const views = run.finished.flatMap((f) => f.views);
  const chatIds = [...new Set(views.map((v) => v.chatId))];
  const byChat = new Map<string, [number, string][]>();
  try {
    const q =
      run.system === 'product'
        ? `SELECT "interactionId" AS chat, seq, COALESCE("clientId", 'sys:' || COALESCE(event, '')) AS key FROM "Message"
            WHERE "interactionId" = ANY($1) AND visibility = 'EVERYONE' ORDER BY 1, 2`
        : `SELECT chat_id AS chat, seq, client_id AS key FROM bench_floor_message WHERE chat_id = ANY($1) ORDER BY 1, 2`;
    for (const r of (await c.query<{ chat: string; seq: number; key: string }>(q, [chatIds])).rows) {
      let a = byChat.get(r.chat);
      if (!a) byChat.set(r.chat, (a = []));
      a.push([r.seq, r.key]);
    }
  } finally {
    await c.end();
  }
  let divergent = 0;
  const examples: string[] = [];
  for (const v of views) {
    const stored = byChat.get(v.chatId) ?? [];
    const a = JSON.stringify(stored);
    const b = JSON.stringify(v.entries);
    if (a !== b) {
      divergent++;
      if (examples.length < 5) {
        const storedKeys = new Map(stored);
        const mine = new Map(v.entries);
        const missing = stored.filter(([s]) => !mine.has(s)).map(([s, k]) => `${s}:${k}`);
        const extra = v.entries.filter(([s, k]) => storedKeys.get(s) !== k).map(([s, k]) => `${s}:${k}`);
        examples.push(`${v.side} of ${v.chatId}: missing ${missing.slice(0, 5).join(', ') || 'none'}; differing ${extra.slice(0, 5).join(', ') || 'none'}`);
      }
    }
  }
  return { views: views.length, divergent, examples, pendingLeft: run.finished.reduce((a, f) => a + f.pendingLeft.length, 0) };
}

/**
 * The messages sent with an image: each acknowledged one is stored exactly once, carrying exactly
 * the file it was sent with, and that file is claimed by that message (product: its Attachment row
 * points at it; floor: the message row names it). Delivery is what verifyTranscripts checks: every
 * client's transcript equals the store.
 */
export async function verifyImages(run: LoadRun, dbUrl: string): Promise<{ sent: number; storedOnce: number; notStoredOnce: string[]; fileNotClaimed: number; upload: Dist }> {
  const sends = run.finished.flatMap((f) => (f.imageSends ?? []) as { clientId: string; fileId: string }[]);
  const upload = dist(run.finished.flatMap((f) => (f.uploadMs ?? []) as number[]));
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const ids = sends.map((s) => s.clientId);
    const rows =
      run.system === 'product'
        ? (
            await c.query<{ clientId: string; n: string; files: string[]; claimed: string }>(
              `SELECT m."clientId", count(*) OVER (PARTITION BY m."clientId") AS n,
                      ARRAY(SELECT e->>'id' FROM jsonb_array_elements(m.attachments) e) AS files,
                      (SELECT count(*) FROM "Attachment" a WHERE a."messageId" = m.id) AS claimed
               FROM "Message" m WHERE m."clientId" = ANY($1)`,
              [ids],
            )
          ).rows
        : (await c.query<{ clientId: string; n: string; files: string[]; claimed: string }>(
            `SELECT client_id AS "clientId", count(*) OVER (PARTITION BY client_id) AS n, COALESCE(files, '{}') AS files, cardinality(COALESCE(files, '{}'))::text AS claimed
             FROM bench_floor_message WHERE client_id = ANY($1)`,
            [ids],
          )).rows;
    const byId = new Map(rows.map((r) => [r.clientId, r]));
    const notStoredOnce: string[] = [];
    let fileNotClaimed = 0;
    for (const s of sends) {
      const r = byId.get(s.clientId);
      if (!r || Number(r.n) !== 1 || r.files.length !== 1 || r.files[0] !== s.fileId) notStoredOnce.push(s.clientId);
      else if (Number(r.claimed) !== 1) fileNotClaimed++;
    }
    return { sent: sends.length, storedOnce: sends.length - notStoredOnce.length, notStoredOnce: notStoredOnce.slice(0, 10), fileNotClaimed, upload };
  } finally {
    await c.end();
  }
}

/** Ownership and invitation invariants (product only). */
export async function verifyRouting(run: LoadRun, dbUrl: string) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const one = async (q: string) => Number((await c.query<{ n: string }>(q)).rows[0]?.n ?? 0);
    const results = run.finished.flatMap((f) => f.acceptResults);
    return {
      interactionsWithTwoOwners: await one(
        `SELECT count(*) AS n FROM (SELECT "interactionId" FROM "Participant" WHERE role = 'OWNER' GROUP BY 1 HAVING count(*) > 1) x`,
      ),
      interactionsWithTwoAcceptedOffers: await one(
        `SELECT count(*) AS n FROM (SELECT "interactionId" FROM "Invitation" WHERE status = 'ACCEPTED' GROUP BY 1 HAVING count(*) > 1) x`,
      ),
      acceptedNotOwner: await one(
        `SELECT count(*) AS n FROM "Invitation" v JOIN "Interaction" i ON i.id = v."interactionId" WHERE v.status = 'ACCEPTED' AND i."ownerId" IS DISTINCT FROM v."targetUserId"`,
      ),
      activeWithoutOwner: await one(`SELECT count(*) AS n FROM "Interaction" WHERE status = 'ACTIVE' AND "ownerId" IS NULL`),
      acceptCalls: results.reduce((a, r) => a + r.answers, 0),
      invitationsAccepted: results.filter((r) => r.oks >= 1).length,
      invitationsAcceptedTwice: results.filter((r) => r.oks > 1).length,
      racedAccepts: results.filter((r) => r.answers > 1).length,
    };
  } finally {
    await c.end();
  }
}

// ── the floor server process ─────────────────────────────────────────────────────────────────
export async function startFloor(dbUrl: string, logDir: string): Promise<{ proc: Proc; url: string }> {
  let port = 0;
  const proc = startProc('floor', cmd.tsx(here('./floor-server.ts')), {
    detached: true,
    silent: true,
    env: { ...process.env, DATABASE_URL: dbUrl, FLOOR_PORT: '0' },
    onLine: (l) => {
      fs.appendFileSync(path.join(logDir, 'floor.log'), l + '\n');
      try {
        const m = JSON.parse(l) as { msg?: string; port?: number };
        if (m.msg === 'listening' && m.port) port = m.port;
      } catch {
        /* not JSON */
      }
    },
  });
  const deadline = Date.now() + 60_000;
  while (!port) {
    if (proc.hasExited() || Date.now() > deadline) throw new Error('the floor server did not start (see floor.log)');
    await sleep(100);
  }
  return { proc, url: `http://127.0.0.1:${port}` };
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    host: os.hostname(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAvgAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export { stopProc, serverActionIds, writeReports };
