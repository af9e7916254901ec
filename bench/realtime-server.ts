/**
 * Server side of the realtime benchmark, run as its own process so that it competes for CPU
 * the way a real deployment would. `pusher` starts realtime-server; `raw` is a bare `ws`
 * relay (subscribe by name, POST /publish) that marks the floor any protocol server sits on.
 * Prints {"msg":"listening","port":N}; on IPC "stop" replies with its CPU usage and exits.
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { startPusherServer } from '../realtime-server/server';

const mode = process.argv[2] ?? 'pusher';
let cpuStart = process.cpuUsage();
let wallStart = performance.now();

async function startRaw(): Promise<{ port: number; close(): Promise<void> }> {
  const channels = new Map<string, Set<WebSocket>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { channel, event, data } = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>;
      const frame = Buffer.from(JSON.stringify({ event, channel, data }));
      for (const ws of channels.get(channel) ?? []) ws.send(frame, { binary: false });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 }).end('{}');
    });
  });
  server.keepAliveTimeout = 65_000;
  const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: false });
  wss.on('connection', (ws) => {
    const mine = new Set<string>();
    ws.on('message', (raw) => {
      const channel = (JSON.parse(raw.toString()) as { subscribe: string }).subscribe;
      let set = channels.get(channel);
      if (!set) channels.set(channel, (set = new Set()));
      set.add(ws);
      mine.add(channel);
      ws.send(JSON.stringify({ event: 'subscribed', channel }));
    });
    ws.on('close', () => mine.forEach((c) => channels.get(c)?.delete(ws)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

const handle = mode === 'raw'
  ? await startRaw()
  : await startPusherServer({
      appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET!,
      port: 0, logLevel: 'warn', maxConnections: 100_000,
    });
process.stdout.write(JSON.stringify({ msg: 'listening', port: handle.port }) + '\n');

process.on('message', (msg: { cmd: string }) => {
  // 'mark' starts the measured window, so connection set-up does not count.
  if (msg.cmd === 'mark') {
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
  }
  if (msg.cmd !== 'stop') return;
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  process.send!({ cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, wallMs, rssMb: process.memoryUsage().rss / 2 ** 20 }, () => {
    void handle.close().finally(() => process.exit(0));
  });
});
