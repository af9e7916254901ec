/**
 * Fan-out benchmark: N private channels × 2 subscribers spread over several processes, events
 * published over HTTP at a fixed open-loop rate. Runs the embedded Pusher server and a bare
 * `ws` relay (the floor) with identical counts and rate, and prints them side by side.
 *
 *   npm run bench:realtime -- --channels 1000 --rate 2000 --duration 10 --procs 4
 *   (or BENCH_CHANNELS / BENCH_RATE / BENCH_DURATION / BENCH_PROCS / BENCH_MODES=pusher,raw)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import Pusher from 'pusher';

function opt(name: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const v = inline ?? (i >= 0 ? process.argv[i + 1] : undefined) ?? process.env[env];
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const CHANNELS = opt('channels', 'BENCH_CHANNELS', 1000);
const RATE = opt('rate', 'BENCH_RATE', 2000);
const DURATION_S = opt('duration', 'BENCH_DURATION', 10);
const PROCS = opt('procs', 'BENCH_PROCS', 4);
const SUBS_PER_CHANNEL = 2;
const MODES = (process.env.BENCH_MODES ?? 'pusher,raw').split(',') as Array<'pusher' | 'raw'>;
const APP = { appId: 'bench', key: 'bench-key', secret: 'bench-secret' };
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const now = () => performance.timeOrigin + performance.now();

function child(file: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  // BENCH_PROFILE=server|subscriber writes a V8 CPU profile of those children to bench/results/.
  const profile = process.env.BENCH_PROFILE && file.includes(process.env.BENCH_PROFILE)
    ? ['--cpu-prof', `--cpu-prof-dir=${here('./results')}`] : [];
  return fork(here(file), args, {
    execArgv: ['--import', 'tsx', ...profile],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
}

function nextMessage<T>(cp: ChildProcess, pred: (m: any) => boolean, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child did not answer in time')), timeoutMs);
    const on = (m: any) => {
      if (!pred(m)) return;
      clearTimeout(timer);
      cp.off('message', on);
      resolve(m as T);
    };
    cp.on('message', on);
    cp.once('exit', (code) => reject(new Error(`child exited early with code ${code}`)));
  });
}

function listeningPort(cp: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buf = '';
    cp.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split('\n')) {
        try {
          const m = JSON.parse(line) as { msg?: string; port?: number };
          if (m.msg === 'listening' && m.port) return resolve(m.port);
        } catch { /* partial or non-JSON line */ }
      }
    });
    cp.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Whole-machine busy and total jiffies (Linux), so a run on a shared box can say how much CPU others took. */
function machineJiffies(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

type Publisher = (channel: string, payload: { seq: number; t: number }) => Promise<unknown>;

function makePublisher(mode: 'pusher' | 'raw', port: number, agent: http.Agent): Publisher {
  if (mode === 'pusher') {
    const api = new Pusher({ ...APP, host: '127.0.0.1', port: String(port), useTLS: false, agent });
    return (channel, payload) => api.trigger(channel, 'bench', payload);
  }
  return (channel, payload) => new Promise((resolve, reject) => {
    const body = JSON.stringify({ channel, event: 'bench', data: JSON.stringify(payload) });
    const req = http.request({ host: '127.0.0.1', port, path: '/publish', method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(undefined) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(mode: 'pusher' | 'raw') {
  const server = child('./realtime-server.ts', [mode], { PUSHER_APP_ID: APP.appId, PUSHER_KEY: APP.key, PUSHER_SECRET: APP.secret });
  const port = await listeningPort(server);
  const channelNames = Array.from({ length: CHANNELS }, (_, i) => `private-bench-${i}`);

  // Subscriber k listens on channel k % CHANNELS and lives in process k % PROCS.
  const perProc: string[][] = Array.from({ length: PROCS }, () => []);
  for (let k = 0; k < CHANNELS * SUBS_PER_CHANNEL; k++) perProc[k % PROCS].push(channelNames[k % CHANNELS]);
  const t0 = now();
  const subs = perProc.map((channels) => child('./realtime-subscriber.ts', [JSON.stringify({ mode, port, channels, ...APP })]));
  await Promise.all(subs.map((s) => nextMessage(s, (m) => m.type === 'ready')));
  const connectMs = now() - t0;
  process.stderr.write(`[${mode}] ${CHANNELS * SUBS_PER_CHANNEL} subscribers ready in ${connectMs.toFixed(0)} ms; publishing ${RATE}/s for ${DURATION_S}s\n`);

  // noDelay: without it Nagle can hold a request's tail segment behind the previous one's ACK.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, noDelay: true } as http.AgentOptions);
  const publish = makePublisher(mode, port, agent);
  const total = Math.round(RATE * DURATION_S);
  let sent = 0, ok = 0, failed = 0, inFlight = 0, maxInFlight = 0;
  for (const cp of [server, ...subs]) cp.send({ cmd: 'mark' });
  const cpuStart = process.cpuUsage();
  const machineStart = machineJiffies();
  const start = now();
  // Open loop: the schedule does not slow down when the server does, so back-pressure shows as latency.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * RATE));
      while (sent < due) {
        const seq = sent++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        publish(channelNames[seq % CHANNELS], { seq, t: now() }).then(() => ok++, () => failed++).finally(() => {
          inFlight--;
          if (sent === total && inFlight === 0) resolve();
        });
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const publishS = (now() - start) / 1000;
  const publisherCpu = process.cpuUsage(cpuStart);
  const machineEnd = machineJiffies();
  const machineBusyPct = machineStart && machineEnd
    ? (100 * os.cpus().length * (machineEnd.busy - machineStart.busy)) / (machineEnd.total - machineStart.total) : NaN;

  // Let the last deliveries land: stop when counts stop moving or everything arrived.
  const expected = ok * SUBS_PER_CHANNEL;
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const counts = await Promise.all(subs.map((s) => {
      const p = nextMessage<{ received: number }>(s, (m) => m.type === 'count');
      s.send({ cmd: 'count' });
      return p;
    }));
    const got = counts.reduce((a, c) => a + c.received, 0);
    if (got >= expected || got === last) break;
    last = got;
    await new Promise((r) => setTimeout(r, 200));
  }
  const deliveredWindowS = (now() - start) / 1000;

  const reports = await Promise.all(subs.map((s) => {
    const p = nextMessage<{ received: number; doubled: number; disconnects: number; latencies: number[]; cpuMs: number }>(s, (m) => m.type === 'report');
    s.send({ cmd: 'report' });
    return p;
  }));
  const serverUsage = await new Promise<{ cpuUserMs: number; cpuSystemMs: number; wallMs: number; rssMb: number }>((resolve) => {
    server.once('message', resolve);
    server.send({ cmd: 'stop' });
  });
  agent.destroy();

  const received = reports.reduce((a, r) => a + r.received, 0);
  const doubled = reports.reduce((a, r) => a + r.doubled, 0);
  const unique = received - doubled;
  const lat = Float64Array.from(reports.flatMap((r) => r.latencies)).sort();
  const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
  return {
    mode,
    subscribers: CHANNELS * SUBS_PER_CHANNEL,
    connect_ms: round(connectMs, 0),
    events_sent: sent,
    events_accepted: ok,
    http_failures: failed,
    publish_seconds: round(publishS),
    achieved_publish_rate: round(ok / publishS, 0),
    max_in_flight: maxInFlight,
    expected_deliveries: expected,
    delivered: unique,
    delivered_per_s: round(unique / publishS, 0),
    lost: expected - unique,
    lost_ratio: expected ? round((expected - unique) / expected, 6) : 0,
    doubled,
    doubled_ratio: received ? round(doubled / received, 6) : 0,
    disconnects: reports.reduce((a, r) => a + r.disconnects, 0),
    latency_ms: { p50: round(percentile(lat, 50)), p90: round(percentile(lat, 90)), p99: round(percentile(lat, 99)), max: round(lat[lat.length - 1] ?? NaN) },
    server_cpu_pct: round((100 * (serverUsage.cpuUserMs + serverUsage.cpuSystemMs)) / serverUsage.wallMs, 1),
    // CPU time per published event (its HTTP request plus both deliveries): robust to a busy box.
    server_cpu_us_per_event: round(((serverUsage.cpuUserMs + serverUsage.cpuSystemMs) * 1000) / Math.max(1, ok), 1),
    server_rss_mb: round(serverUsage.rssMb, 0),
    publisher_cpu_pct: round((100 * (publisherCpu.user + publisherCpu.system)) / 1000 / (publishS * 1000), 1),
    machine_busy_pct_during_publish: round(machineBusyPct, 0),
    load_average_1m: round(os.loadavg()[0], 2),
    subscribers_cpu_pct: round((100 * reports.reduce((a, r) => a + r.cpuMs, 0)) / (deliveredWindowS * 1000), 1),
  };
}

const results: Array<Awaited<ReturnType<typeof run>>> = [];
for (const mode of MODES) results.push(await run(mode));

const rows: Array<[string, (r: (typeof results)[number]) => string]> = [
  ['subscribers', (r) => String(r.subscribers)],
  ['events accepted / sent', (r) => `${r.events_accepted} / ${r.events_sent}`],
  ['publish rate achieved (/s)', (r) => String(r.achieved_publish_rate)],
  ['delivered / expected', (r) => `${r.delivered} / ${r.expected_deliveries}`],
  ['delivered/s', (r) => String(r.delivered_per_s)],
  ['lost (ratio)', (r) => `${r.lost} (${r.lost_ratio})`],
  ['doubled (ratio)', (r) => `${r.doubled} (${r.doubled_ratio})`],
  ['latency p50 ms', (r) => String(r.latency_ms.p50)],
  ['latency p90 ms', (r) => String(r.latency_ms.p90)],
  ['latency p99 ms', (r) => String(r.latency_ms.p99)],
  ['latency max ms', (r) => String(r.latency_ms.max)],
  ['server CPU %', (r) => String(r.server_cpu_pct)],
  ['server CPU µs per event', (r) => String(r.server_cpu_us_per_event)],
  ['publisher CPU %', (r) => String(r.publisher_cpu_pct)],
  ['subscriber processes CPU %', (r) => String(r.subscribers_cpu_pct)],
  ['max HTTP in flight', (r) => String(r.max_in_flight)],
  ['subscriber disconnects', (r) => String(r.disconnects)],
  [`machine busy % (of ${os.cpus().length * 100})`, (r) => String(r.machine_busy_pct_during_publish)],
  ['load average (1 min)', (r) => String(r.load_average_1m)],
];
const w0 = Math.max(...rows.map(([k]) => k.length));
console.log(`\nrealtime fan-out: ${CHANNELS} private channels x ${SUBS_PER_CHANNEL} subscribers, ${PROCS} subscriber processes, ${RATE} events/s for ${DURATION_S}s, ${os.cpus().length} CPUs`);
console.log(['metric'.padEnd(w0), ...results.map((r) => r.mode.padStart(18))].join(' | '));
for (const [k, f] of rows) console.log([k.padEnd(w0), ...results.map((r) => f(r).padStart(18))].join(' | '));

const date = new Date().toISOString().replace(/[:]/g, '-').replace(/\..+/, '');
const dir = here('./results');
mkdirSync(dir, { recursive: true });
const file = `${dir}/realtime-${date}.json`;
writeFileSync(file, JSON.stringify({
  date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model,
  params: { channels: CHANNELS, subscribers_per_channel: SUBS_PER_CHANNEL, rate: RATE, duration_s: DURATION_S, procs: PROCS },
  results,
}, null, 2) + '\n');
console.log(`\nwrote ${file}`);
