import http from 'node:http';
import { fork } from 'node:child_process';
import Pusher from 'pusher';
const APP = { appId: 'bench', key: 'bench-key', secret: 'bench-secret' };
async function measure(mode: string) {
  const cp = fork(new URL('./realtime-server.ts', import.meta.url).pathname, [mode], { execArgv: ['--import', 'tsx', ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof2'] : [])], stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, PUSHER_APP_ID: APP.appId, PUSHER_KEY: APP.key, PUSHER_SECRET: APP.secret } });
  const port: number = await new Promise((r) => cp.stdout!.on('data', (d) => r(JSON.parse(d.toString()).port)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const api = new Pusher({ ...APP, host: '127.0.0.1', port: String(port), useTLS: false, agent });
  const req = (path: string, body: string) => new Promise<void>((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method: 'POST', path, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve()); });
    r.on('error', reject); r.end(body);
  });
  const one = (i: number) => {
    if (mode === 'raw') return req('/publish', JSON.stringify({ channel: 'c' + (i % 100), event: 'bench', data: JSON.stringify({ seq: i, t: Date.now() }) }));
    const body = JSON.stringify({ name: 'bench', data: JSON.stringify({ seq: i, t: Date.now() }), channels: ['private-c' + (i % 100)] });
    const qs = api.createSignedQueryString({ method: 'POST', path: `/apps/${APP.appId}/events`, body });
    return req(`/apps/${APP.appId}/events?${qs}`, body);
  };
  for (let i = 0; i < 2000; i++) await one(i); // warm-up
  cp.send({ cmd: 'mark' });
  const N = 20000; let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { while (next < N) await one(next++); }));
  const u: any = await new Promise((r) => { cp.once('message', r); cp.send({ cmd: 'stop' }); });
  console.log(mode, 'server CPU µs/request', (((u.cpuUserMs + u.cpuSystemMs) * 1000) / N).toFixed(1), 'wall ms', u.wallMs.toFixed(0));
  agent.destroy();
}
await measure('pusher');
process.exit(0);
