import http from 'node:http';
import Pusher from 'pusher';
import { startPusherServer } from '../lib/pusher-server/server';
const APP = { appId: 'bench', key: 'bench-key', secret: 'bench-secret' };
const s = await startPusherServer({ ...APP, port: 0, logLevel: 'warn' });
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.SOCKS ?? 64) });
const api = new Pusher({ ...APP, host: '127.0.0.1', port: String(s.port), useTLS: false, agent });
const N = 10000;
let t = performance.now();
let inflight = 0, done = 0;
await new Promise<void>((resolve) => {
  for (let i = 0; i < N; i++) {
    inflight++;
    api.trigger('private-x' + (i % 1000), 'bench', { i }).finally(() => { if (++done === N) resolve(); });
  }
});
console.log('pusher sdk closed-burst', N, 'in', (performance.now() - t).toFixed(0), 'ms', 'sockets', Object.values(agent.sockets).flat().length, Object.values(agent.freeSockets).flat().length);
process.exit(0);
