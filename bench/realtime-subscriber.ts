/**
 * One subscriber process of the realtime benchmark: opens its share of the connections
 * (pusher-js for `pusher`, raw `ws` for `raw`), records per-message latency, duplicates and
 * count, and reports them to the parent over IPC.
 */
import Pusher from 'pusher';
import PusherClient from 'pusher-js';
import { WebSocket } from 'ws';

interface Args { mode: 'pusher' | 'raw'; port: number; channels: string[]; appId: string; key: string; secret: string }
const args = JSON.parse(process.argv[2]) as Args;

const now = () => performance.timeOrigin + performance.now();
const latencies: number[] = [];
let received = 0;
let doubled = 0;
const disconnects = { count: 0 };

/** One set of seen sequence numbers per client: a duplicate is the same seq on the same socket. */
function recorder(): (data: { seq: number; t: number }) => void {
  const seen = new Set<number>();
  return (data) => {
    const at = now();
    received++;
    if (seen.has(data.seq)) doubled++;
    else seen.add(data.seq);
    latencies.push(at - data.t);
  };
}

const closers: Array<() => void> = [];

async function subscribePusher(channel: string, signer: Pusher): Promise<void> {
  const c = new PusherClient(args.key, {
    cluster: 'x', wsHost: '127.0.0.1', wsPort: args.port, forceTLS: false, enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, cb) => cb(null, signer.authorizeChannel(socketId, channelName)),
    },
  });
  closers.push(() => c.disconnect());
  c.connection.bind('state_change', (s: { previous: string }) => {
    if (s.previous === 'connected') disconnects.count++;
  });
  const ch = c.subscribe(channel);
  ch.bind('bench', recorder());
  await new Promise<void>((resolve, reject) => {
    ch.bind('pusher:subscription_succeeded', () => resolve());
    ch.bind('pusher:subscription_error', (e: unknown) => reject(new Error(JSON.stringify(e))));
  });
}

async function subscribeRaw(channel: string): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${args.port}/`, { perMessageDeflate: false });
  closers.push(() => ws.terminate());
  const record = recorder();
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ subscribe: channel })));
    ws.on('error', reject);
    ws.on('close', () => disconnects.count++);
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { event: string; data: string };
      if (msg.event === 'subscribed') resolve();
      else record(JSON.parse(msg.data));
    });
  });
}

const signer = new Pusher({ appId: args.appId, key: args.key, secret: args.secret, host: '127.0.0.1', port: String(args.port), useTLS: false });
const started = now();
// Connect in slices so the handshake burst does not look like a DoS to our own server.
for (let i = 0; i < args.channels.length; i += 50) {
  await Promise.all(args.channels.slice(i, i + 50).map((ch) =>
    args.mode === 'pusher' ? subscribePusher(ch, signer) : subscribeRaw(ch)));
}
process.send!({ type: 'ready', connectMs: now() - started });

let cpuMark = process.cpuUsage();
process.on('message', (msg: { cmd: string }) => {
  if (msg.cmd === 'mark') cpuMark = process.cpuUsage();
  if (msg.cmd === 'count') process.send!({ type: 'count', received });
  if (msg.cmd === 'report') {
    const cpu = process.cpuUsage(cpuMark);
    process.send!({
      type: 'report', received, doubled, disconnects: disconnects.count, latencies,
      cpuMs: (cpu.user + cpu.system) / 1000,
    }, () => {
      closers.forEach((c) => c());
      process.exit(0);
    });
  }
});
