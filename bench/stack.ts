/**
 * The system under test for the bench, chaos and scale-out runs: a fresh embedded PostgreSQL (or
 * a given DATABASE_URL), migrated and seeded, bench agents added as setup, the built-in realtime
 * server and one or more production app instances — each process killable (kill -9) and
 * restartable on the same port. Reuses the start script's helpers (scripts/lib).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../lib/auth/password';
import { makeTempPgDir, startEmbeddedPg, type EmbeddedPg } from '../scripts/lib/embedded-pg';
import { getFreePort } from '../scripts/lib/ports';
import { ROOT, cmd, startProc, stopProc, waitForApp, waitForUrl, type Env, type Proc } from '../scripts/lib/procs';
import { buildNeeded, migrateDeploy, nextBuild, prismaGenerate, generatedClientMissing, seed } from '../scripts/lib/steps';

export const BENCH_PASSWORD = 'bench-agent-pass!';

export interface StackOptions {
  databaseUrl?: string;
  instances: number;
  agents: number;
  capacity: number;
  runTag: string;
  logDir: string;
  /** Build when .next is missing; with `rebuild` also when it is stale. */
  rebuild?: boolean;
  noBuild?: boolean;
  say: (line: string) => void;
  /** Extra environment for the app instances. */
  appEnv?: Env;
}

export interface AgentLogin {
  email: string;
  password: string;
}

export class Stack {
  pg?: EmbeddedPg;
  pgRoot?: string;
  dbUrl = '';
  realtime?: Proc;
  realtimePort = 0;
  apps: (Proc | undefined)[] = [];
  appPorts: number[] = [];
  readonly creds = {
    PUSHER_APP_ID: String(crypto.randomInt(100000, 999999)),
    PUSHER_KEY: crypto.randomBytes(10).toString('hex'),
    PUSHER_SECRET: crypto.randomBytes(20).toString('hex'),
  };
  readonly nextauthSecret = crypto.randomBytes(32).toString('base64url');
  agents: AgentLogin[] = [];
  private restarts = new Map<string, number>();

  constructor(readonly opts: StackOptions) {}

  get appUrls() {
    return this.appPorts.map((p) => `http://127.0.0.1:${p}`);
  }

  async prepareBuild(): Promise<void> {
    const { say } = this.opts;
    if (generatedClientMissing()) await prismaGenerate();
    const why = buildNeeded();
    if (!why) return;
    const missing = !fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
    if (this.opts.noBuild && !missing) {
      say(`note: ${why}; using the existing build (--no-build)`);
      return;
    }
    if (missing || this.opts.rebuild !== false) {
      say(`building the app (${why}) — this takes a few minutes…`);
      await nextBuild({ ...process.env }, path.join(this.opts.logDir, 'build.log'));
    }
  }

  /** A private copy of the build (other work on this machine may rebuild .next mid-run). */
  appDir = ROOT;
  async snapshotBuild(): Promise<void> {
    const src = path.join(ROOT, '.next');
    for (let attempt = 0; attempt < 60; attempt++) {
      const id = readBuildId(src);
      if (id) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-app-'));
        fs.cpSync(src, path.join(dir, '.next'), { recursive: true, filter: (f) => !/[/\\]\.next[/\\](cache|dev)([/\\]|$)/.test(f) });
        if (readBuildId(src) === id && readBuildId(path.join(dir, '.next')) === id) {
          // everything else (node_modules, config, messages…) by symlink; .env is left out — the bench sets the environment
          for (const e of fs.readdirSync(ROOT)) if (e !== '.next' && e !== '.env') fs.symlinkSync(path.join(ROOT, e), path.join(dir, e));
          this.appDir = dir;
          this.opts.say(`app: a private copy of build ${id} in ${dir}`);
          return;
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }
      if (attempt === 0) this.opts.say('waiting for a complete build in .next (a build is running?)…');
      await new Promise((r) => setTimeout(r, 5000));
    }
    throw new Error('no complete production build in .next');
  }

  async startDatabase(): Promise<void> {
    const { say } = this.opts;
    if (this.opts.databaseUrl) {
      this.dbUrl = this.opts.databaseUrl;
      say('database: the given DATABASE_URL');
    } else {
      const { root, dataDir } = makeTempPgDir('bench-pg-');
      this.pgRoot = root;
      this.pg = await startEmbeddedPg({ dataDir, port: 0, database: 'bench' });
      this.dbUrl = this.pg.url;
      say(`database: fresh embedded PostgreSQL on 127.0.0.1:${this.pg.port} (${dataDir})`);
    }
    const env = { ...process.env, DATABASE_URL: this.dbUrl, SEED_DEMO_DATA: 'true' };
    await migrateDeploy(env, true);
    await seed(env, path.join(this.opts.logDir, 'seed.log'));
    await this.addAgents();
  }

  /** Setup (not measured): bench agents with the English skill, the given capacity, Logged out. */
  private async addAgents(): Promise<void> {
    const hash = await hashPassword(BENCH_PASSWORD);
    const c = new pg.Client({ connectionString: this.dbUrl });
    await c.connect();
    try {
      const skill = await c.query<{ id: string }>(`SELECT id FROM "Skill" WHERE name = 'English'`);
      if (!skill.rows[0]) throw new Error('seeded skill "English" not found');
      const ids: string[] = [];
      const emails: string[] = [];
      for (let i = 0; i < this.opts.agents; i++) {
        ids.push(`bench${this.opts.runTag}a${i}`);
        emails.push(`bench-${this.opts.runTag}-agent${i}@bench.example`);
      }
      await c.query(
        `INSERT INTO "User" (id, email, name, "passwordHash", role, capacity, "agentStatus")
         SELECT id, email, 'Bench agent ' || ord, $3, 'AGENT', $4, 'LOGGED_OUT'
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(id, email, ord)`,
        [ids, emails, hash, this.opts.capacity],
      );
      await c.query(`INSERT INTO "UserSkill" ("userId", "skillId") SELECT unnest($1::text[]), $2`, [ids, skill.rows[0].id]);
      // The demo agents must not take bench chats.
      await c.query(`UPDATE "User" SET "agentStatus" = 'LOGGED_OUT' WHERE email NOT LIKE 'bench-%'`);
      this.agents = emails.map((email) => ({ email, password: BENCH_PASSWORD }));
    } finally {
      await c.end();
    }
  }

  private baseEnv(): Env {
    return { ...process.env, ...this.creds };
  }

  async startRealtime(): Promise<void> {
    if (!this.realtimePort) this.realtimePort = await getFreePort();
    const n = this.bump('realtime');
    this.realtime = startProc('realtime', cmd.tsx('realtime-server/main.ts'), {
      detached: true,
      logFile: path.join(this.opts.logDir, `realtime${n ? `-${n}` : ''}.log`),
      env: {
        ...this.baseEnv(),
        REALTIME_HOST: '127.0.0.1',
        REALTIME_PORT: String(this.realtimePort),
        REALTIME_LOG_LEVEL: 'warn',
        // Every simulated browser connects from 127.0.0.1: the per-address cap would count them as one client.
        REALTIME_MAX_CONNECTIONS_PER_ADDRESS: '100000',
        REALTIME_MAX_CONNECTIONS: '100000',
        // Presence webhooks go to the first instance (any one would do: they are stateless).
        REALTIME_WEBHOOK_URL: `http://127.0.0.1:${this.appPorts[0]}/api/pusher/webhook`,
      },
    });
    await waitForUrl(`http://127.0.0.1:${this.realtimePort}/health`, { proc: this.realtime, timeoutMs: 60_000, intervalMs: 100 });
  }

  async startApp(i: number): Promise<void> {
    if (!this.appPorts[i]) this.appPorts[i] = await getFreePort();
    const port = this.appPorts[i]!;
    const n = this.bump(`app${i}`);
    const env: Env = {
      ...this.baseEnv(),
      DATABASE_URL: this.dbUrl,
      NEXTAUTH_SECRET: this.nextauthSecret,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      PUSHER_HOST: '127.0.0.1',
      PUSHER_PORT: String(this.realtimePort),
      PUSHER_USE_TLS: 'false',
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      // Every simulated client sends from 127.0.0.1: per-address caps would count them as one
      // client. The global caps (connections under the file limit, in-flight, loop delay) stay.
      HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0',
      FAST_LANE_MAX_IN_FLIGHT_PER_ADDRESS: '100000',
      ...this.opts.appEnv,
    };
    delete env.NODE_ENV;
    // BENCH_PROFILE=app (or realtime) writes V8 CPU profiles of those processes into the run's log folder.
    const argv = cmd.app('start', port);
    if (process.env.BENCH_PROFILE?.split(',').includes('app')) argv.splice(1, 0, '--cpu-prof', `--cpu-prof-dir=${path.join(this.opts.logDir, 'prof')}`);
    const p = startProc(`app${i}`, argv, {
      detached: true,
      cwd: this.appDir,
      logFile: path.join(this.opts.logDir, `app${i}${n ? `-${n}` : ''}.log`),
      env,
    });
    this.apps[i] = p;
    await waitForApp(`http://127.0.0.1:${port}`, { proc: p, timeoutMs: 120_000, intervalMs: 100 });
  }

  /** Ports first (the realtime server's webhook names the app's port), then the processes. */
  async startServers(): Promise<void> {
    for (let i = 0; i < this.opts.instances; i++) this.appPorts[i] ??= await getFreePort();
    await this.startRealtime();
    await Promise.all(Array.from({ length: this.opts.instances }, (_, i) => this.startApp(i)));
  }

  /** kill -9, as a crash would. */
  async kill9(p: Proc | undefined): Promise<void> {
    if (!p || p.hasExited()) return;
    try {
      process.kill(-p.pid, 'SIGKILL'); // its whole group (next start may run a child)
    } catch {
      p.child.kill('SIGKILL');
    }
    await p.exited;
  }

  async stopServers(): Promise<void> {
    await Promise.all(this.apps.map((a) => (a ? stopProc(a, 10_000) : undefined)));
    if (this.realtime) await stopProc(this.realtime, 10_000);
  }

  async stop(): Promise<void> {
    await this.stopServers();
    if (this.pg) await this.pg.stop();
    if (this.pgRoot) fs.rmSync(this.pgRoot, { recursive: true, force: true });
    if (this.appDir !== ROOT) {
      // unlink the symlinks first (never follow them into the repository), then the copy
      for (const e of fs.readdirSync(this.appDir)) {
        const f = path.join(this.appDir, e);
        if (fs.lstatSync(f).isSymbolicLink()) fs.unlinkSync(f);
      }
      fs.rmSync(this.appDir, { recursive: true, force: true });
      this.appDir = ROOT;
    }
  }

  /** pids of the processes to watch (for CPU / memory). */
  pids(): Record<string, number | undefined> {
    const out: Record<string, number | undefined> = {};
    this.apps.forEach((a, i) => (out[this.apps.length > 1 ? `app${i}` : 'app'] = a && !a.hasExited() ? a.pid : undefined));
    out.realtime = this.realtime && !this.realtime.hasExited() ? this.realtime.pid : undefined;
    out.postgres = this.pg ? postmasterPid(this.pg.dataDir) : undefined;
    return out;
  }

  private bump(name: string): number {
    const n = this.restarts.get(name) ?? 0;
    this.restarts.set(name, n + 1);
    return n;
  }
}

function readBuildId(nextDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(nextDir, 'BUILD_ID'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

// ── CPU and memory of process trees, from /proc ──────────────────────────────────────────────
const CLK_TCK = 100;

function readStat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined;
  }
}

function readRssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** A pid and its descendants. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const st = readStat(Number(e));
    if (st) children.set(st.ppid, [...(children.get(st.ppid) ?? []), Number(e)]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

export interface ResourceSample {
  t: number;
  /** percent of one core, per watched name */
  cpu: Record<string, number>;
  rssMb: Record<string, number>;
  load1: number;
}

/** Samples CPU (% of one core) and RSS of each named process tree once a second. */
export class ResourceMonitor {
  samples: ResourceSample[] = [];
  private last = new Map<string, { t: number; ticks: number; pid: number }>();
  private timer?: NodeJS.Timeout;
  constructor(private readonly pids: () => Record<string, number | number[] | undefined>) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  reset(): void {
    this.samples = [];
  }

  private sample(): void {
    const t = Date.now();
    const s: ResourceSample = { t, cpu: {}, rssMb: {}, load1: Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]) };
    for (const [name, pidOrPids] of Object.entries(this.pids())) {
      const roots = (Array.isArray(pidOrPids) ? pidOrPids : [pidOrPids]).filter((p): p is number => !!p);
      if (roots.length === 0) continue;
      let ticks = 0;
      let rss = 0;
      for (const p of roots.flatMap(tree)) {
        ticks += readStat(p)?.ticks ?? 0;
        rss += readRssKb(p);
      }
      const pid = roots.reduce((a, b) => a * 31 + b, 0); // identity of the set: a restart resets the CPU delta
      const prev = this.last.get(name);
      if (prev && prev.pid === pid && t > prev.t) s.cpu[name] = Math.max(0, ((ticks - prev.ticks) / CLK_TCK / ((t - prev.t) / 1000)) * 100);
      s.rssMb[name] = rss / 1024;
      this.last.set(name, { t, ticks, pid });
    }
    this.samples.push(s);
  }

  summary(from: number, to: number): Record<string, { cpuAvg: number; cpuMax: number; rssPeakMb: number }> {
    const out: Record<string, { cpuAvg: number; cpuMax: number; rssPeakMb: number }> = {};
    const inWin = this.samples.filter((s) => s.t >= from && s.t <= to);
    const names = new Set(inWin.flatMap((s) => Object.keys(s.rssMb)));
    for (const n of names) {
      const cpus = inWin.map((s) => s.cpu[n]).filter((v): v is number => v !== undefined);
      out[n] = {
        cpuAvg: cpus.length ? cpus.reduce((a, b) => a + b, 0) / cpus.length : 0,
        cpuMax: cpus.length ? Math.max(...cpus) : 0,
        rssPeakMb: Math.max(0, ...inWin.map((s) => s.rssMb[n] ?? 0)),
      };
    }
    return out;
  }

  loadAvg(from: number, to: number): number {
    const l = this.samples.filter((s) => s.t >= from && s.t <= to).map((s) => s.load1);
    return l.length ? l.reduce((a, b) => a + b, 0) / l.length : 0;
  }
}
